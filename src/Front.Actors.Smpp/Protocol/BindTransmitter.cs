namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_transmitter (SMPP 3.4 section 4.1).</summary>
public sealed record BindTransmitter : BindRequest
{
    public override CommandId CommandId => CommandId.BindTransmitter;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new BindTransmitterResp { SequenceNumber = SequenceNumber, Status = status };
}
