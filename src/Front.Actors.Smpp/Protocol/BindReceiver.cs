namespace Front.Actors.Smpp.Protocol;

/// <summary>bind_receiver (SMPP 3.4 section 4.1).</summary>
public sealed record BindReceiver : BindRequest
{
    public override CommandId CommandId => CommandId.BindReceiver;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new BindReceiverResp { SequenceNumber = SequenceNumber, Status = status };
}
