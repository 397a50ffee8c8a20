namespace Front.Actors.Smpp.Protocol;

/// <summary>unbind: the orderly end of a session, sent by either side (SMPP 3.4 section 4.2.1).</summary>
public sealed record Unbind : HeaderOnlyRequest
{
    public override CommandId CommandId => CommandId.Unbind;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new UnbindResp { SequenceNumber = SequenceNumber, Status = status };
}
