using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// A deliver_sm the session has taken from the SMSC: a delivery receipt (<see cref="Receipt"/> set) or a
/// mobile-originated message. The SMSC has been answered by the time this is seen.
/// </summary>
public sealed record InboundMessage(DeliverSm Pdu, DeliveryReceipt? Receipt)
{
    public bool IsReceipt => Receipt is not null;

    public static InboundMessage From(DeliverSm pdu) =>
        new(pdu, pdu.IsReceipt ? DeliveryReceiptReader.Read(pdu) : null);
}
