using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// A deliver_sm the session has taken from the SMSC: a delivery receipt (<see cref="Receipt"/> set) or a
/// mobile-originated message. By default the SMSC has been answered by the time this is seen; with
/// <see cref="EsmeSettings.AcknowledgeWhenHandled"/> the answer waits for <see cref="Settle"/>.
/// </summary>
public sealed record InboundMessage(DeliverSm Pdu, DeliveryReceipt? Receipt)
{
    private Action<bool>? _settle;

    public bool IsReceipt => Receipt is not null;

    public static InboundMessage From(DeliverSm pdu) =>
        new(pdu, pdu.IsReceipt ? DeliveryReceiptReader.Read(pdu) : null);

    internal static InboundMessage From(DeliverSm pdu, Action<bool> settle) => From(pdu) with { _settle = settle };

    /// <summary>
    /// Tells the SMSC how it went: handled (stored) → ESME_ROK; not handled → ESME_RX_T_APPN, so the SMSC
    /// delivers it again. Only the first call counts; a no-op when the session answered on receipt.
    /// </summary>
    public void Settle(bool handled) => Interlocked.Exchange(ref _settle, null)?.Invoke(handled);
}
