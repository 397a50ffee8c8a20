namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_transceiver (SMPP 3.4 section 4.1).</summary>
public sealed record BindTransceiver : BindRequest
{
    public override CommandId CommandId => CommandId.BindTransceiver;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new BindTransceiverResp { SequenceNumber = SequenceNumber, Status = status };
}
