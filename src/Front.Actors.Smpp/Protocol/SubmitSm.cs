namespace Front.Actors.Smpp.Protocol;

/// <summary>submit_sm: one short message from the ESME to the SMSC (SMPP 3.4 section 4.4.1).</summary>
public sealed record SubmitSm : ShortMessagePdu
{
    public override CommandId CommandId => CommandId.SubmitSm;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new SubmitSmResp { SequenceNumber = SequenceNumber, Status = status };
}
