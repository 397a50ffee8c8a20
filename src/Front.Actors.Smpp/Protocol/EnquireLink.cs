namespace Front.Actors.Smpp.Protocol;

/// <summary>enquire_link: a link check either side may send at any time (SMPP 3.4 section 4.11.1).</summary>
public sealed record EnquireLink : HeaderOnlyRequest
{
    public override CommandId CommandId => CommandId.EnquireLink;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new EnquireLinkResp { SequenceNumber = SequenceNumber, Status = status };
}
