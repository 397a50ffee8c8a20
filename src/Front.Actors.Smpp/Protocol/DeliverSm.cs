namespace Front.Actors.Smpp.Protocol;

/// <summary>
/// deliver_sm: the SMSC hands the ESME a mobile-originated message or a delivery receipt
/// (SMPP 3.4 section 4.6.1); <see cref="EsmClass"/> tells which.
/// </summary>
public sealed record DeliverSm : ShortMessagePdu
{
    public override CommandId CommandId => CommandId.DeliverSm;
    public override ResponsePdu CreateResponse(CommandStatus status = CommandStatus.Ok) =>
        new DeliverSmResp { SequenceNumber = SequenceNumber, Status = status };

    public bool IsReceipt => Protocol.EsmClass.IsReceipt(EsmClass);
}
