namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_receiver_resp (SMPP 3.4 section 4.1).</summary>
public sealed record BindReceiverResp : BindResponse
{
    public override CommandId CommandId => CommandId.BindReceiverResp;
}
