namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_transmitter_resp (SMPP 3.4 section 4.1).</summary>
public sealed record BindTransmitterResp : BindResponse
{
    public override CommandId CommandId => CommandId.BindTransmitterResp;
}
