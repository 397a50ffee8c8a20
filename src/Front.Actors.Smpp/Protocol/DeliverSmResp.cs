namespace Front.Actors.Smpp.Protocol;

/// <summary>deliver_sm_resp: its message_id is unused and sent as an empty string (SMPP 3.4 section 4.6.2).</summary>
public sealed record DeliverSmResp : MessageIdResponse
{
    public override CommandId CommandId => CommandId.DeliverSmResp;
    private protected override bool BodyOnError => true;
}
