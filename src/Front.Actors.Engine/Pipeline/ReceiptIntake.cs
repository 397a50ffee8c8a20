using Front.Actors.Engine.Messages;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Turns a delivery receipt into a stored part outcome. The operator is answered only once the receipt is
/// stored (on its part, or waiting for it in storage when the receipt overtook the submit), so a crash before
/// that makes the operator deliver it again. Intermediate notifications are answered at once.
/// </summary>
public sealed class ReceiptIntake(StatusWriter writer)
{
    public async Task HandleAsync(OperatorBind bind, InboundMessage inbound)
    {
        var receipt = inbound.Receipt!;
        MessageStatus? outcome = receipt.State switch
        {
            MessageState.Delivered => MessageStatus.Delivered,
            MessageState.Expired => MessageStatus.Expired,
            MessageState.Rejected => MessageStatus.Rejected,
            _ when !MessageStates.IsFinal(receipt.State) => null,
            _ => MessageStatus.Undeliverable,
        };
        if (outcome is null)
        {
            inbound.Settle(true);
            return;
        }
        // The receipt's own done date has minute precision; the outcome is dated when it reached us.
        var detail = receipt.Stat + (receipt.Error is { } err && err != "000" ? $" err:{err}" : "") + (receipt.DoneDate is { } done ? $" done {done:yyyy-MM-dd HH:mm}" : "");
        await writer.PostAsync(new StatusEntry.Receipt(bind.Name, bind.Normalizer.KeyForReceipt(receipt), outcome.Value, detail, DateTimeOffset.UtcNow), inbound.Settle);
    }
}
