namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// submit_sm_resp: the SMSC's message id for an accepted submit, or the reason it was refused. The body
/// is left out when command_status is not 0 (SMPP 3.4 section 4.4.2).
/// </summary>
public sealed record SubmitSmResp : MessageIdResponse
{
    public override CommandId CommandId => CommandId.SubmitSmResp;
    private protected override bool BodyOnError => false;
}
