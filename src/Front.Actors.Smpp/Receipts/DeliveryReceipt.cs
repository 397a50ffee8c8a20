namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// A delivery receipt as SMSCs write it in the short_message of a deliver_sm (SMPP 3.4 Appendix B):
/// <c>id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…</c>.
/// Dates are taken as UTC; <see cref="Id"/> is the text's id, raw, and must be normalised before matching.
/// <see cref="Stat"/> is the stat: word as written; <see cref="State"/> is what it means.
/// <see cref="ReceiptedMessageId"/> is the receipted_message_id TLV when the SMSC sent one: the id exactly as
/// the submit_sm_resp gave it. <see cref="MessageIdNormalizer.KeyForReceipt(DeliveryReceipt)"/> picks the right one.
/// </summary>
public sealed record DeliveryReceipt(
    string Id,
    int? Submitted,
    int? Delivered,
    DateTimeOffset? SubmitDate,
    DateTimeOffset? DoneDate,
    string Stat,
    MessageState State,
    string? Error,
    string? Text,
    string? ReceiptedMessageId = null);
