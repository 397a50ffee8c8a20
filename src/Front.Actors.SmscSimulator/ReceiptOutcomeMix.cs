using Front.Actors.Smpp.Receipts;

namespace Front.Actors.SmscSimulator;

/// <summary>Relative weights of the final outcomes the simulator reports in receipts.</summary>
public sealed record ReceiptOutcomeMix(double Delivered, double Undeliverable, double Expired)
{
    public static readonly ReceiptOutcomeMix AllDelivered = new(1, 0, 0);

    public MessageState Pick(double uniform)
    {
        var total = Delivered + Undeliverable + Expired;
        if (total <= 0)
            return MessageState.Delivered;
        var x = uniform * total;
        if (x < Delivered)
            return MessageState.Delivered;
        return x < Delivered + Undeliverable ? MessageState.Undeliverable : MessageState.Expired;
    }
}
