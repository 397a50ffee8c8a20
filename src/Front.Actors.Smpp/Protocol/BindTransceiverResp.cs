namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_transceiver_resp (SMPP 3.4 section 4.1).</summary>
public sealed record BindTransceiverResp : BindResponse
{
    public override CommandId CommandId => CommandId.BindTransceiverResp;
}
