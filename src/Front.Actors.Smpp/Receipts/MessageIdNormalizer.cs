using System.Globalization;
using System.Numerics;

namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// Turns the message id from a submit_sm_resp and the id in a later receipt into the same key. SMSCs often
/// answer the submit in one form and write the receipt in another (hex "1A2B" in the response, decimal
/// "6699" in the receipt, or differing case and leading zeros), as Kannel's msg-id-type describes.
/// The engine stores <see cref="KeyForSubmitResponse"/> before the receipt can arrive and looks the receipt
/// up by <see cref="KeyForReceipt"/>. Numeric ids become canonical decimal; opaque ids are trimmed,
/// lower-cased and stripped of leading zeros. An id that does not parse in its declared format falls back
/// to the opaque form, so it still matches an identical id.
/// </summary>
public sealed class MessageIdNormalizer(MessageIdFormat submitResponseFormat, MessageIdFormat receiptFormat)
{
    public static readonly MessageIdNormalizer AsIs = new(MessageIdFormat.AsIs, MessageIdFormat.AsIs);

    public string KeyForSubmitResponse(string id) => Key(id, submitResponseFormat);

    public string KeyForReceipt(string id) => Key(id, receiptFormat);

    /// <summary>
    /// The key of a parsed receipt: its receipted_message_id TLV carries the submit response's id and format,
    /// so it is preferred; the text's id is read in the receipt format.
    /// </summary>
    public string KeyForReceipt(DeliveryReceipt receipt) => receipt.ReceiptedMessageId is { } tlv
        ? KeyForSubmitResponse(tlv)
        : KeyForReceipt(receipt.Id);

    public static string Key(string id, MessageIdFormat format)
    {
        var trimmed = id.Trim();
        var numeric = format switch
        {
            MessageIdFormat.Hex => BigInteger.TryParse("0" + trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : (BigInteger?)null,
            MessageIdFormat.Decimal => BigInteger.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null,
            _ => null,
        };
        return numeric?.ToString(CultureInfo.InvariantCulture) ?? Opaque(trimmed);
    }

    private static string Opaque(string id)
    {
        var lower = id.ToLowerInvariant().TrimStart('0');
        return lower.Length == 0 && id.Length > 0 ? "0" : lower;
    }
}
