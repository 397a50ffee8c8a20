using System.Globalization;
using System.Numerics;

namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// Turns the message id from a submit_sm_resp and the id in a later receipt into the same key. SMSCs often
/// answer the submit in one form and write the receipt in another (hex "1A2B" in the response, decimal
/// "6699" in the receipt, or differing case and leading zeros), as Kannel's msg-id-type describes, so the
/// two formats are set per operator bind.
/// The engine stores <see cref="KeyForSubmitResponse"/> before the receipt can arrive and looks the receipt
/// up by <see cref="KeyForReceipt(string)"/>. Numeric ids become canonical decimal (of any length, so 128-bit
/// ids work); opaque ids are trimmed, lower-cased and stripped of leading zeros (see <see cref="Normalize"/>).
/// An id that does not parse in its declared format falls back to the opaque form, so it still matches an
/// identical id.
/// </summary>
public sealed class MessageIdNormalizer(MessageIdFormat submitResponseFormat, MessageIdFormat receiptFormat)
{
    /// <summary>For binds whose SMSC writes the same id in both places: case, spaces and leading zeros aside.</summary>
    public static readonly MessageIdNormalizer AsIs = new(MessageIdFormat.AsIs, MessageIdFormat.AsIs);

    /// <summary>How this bind's SMSC writes the id in submit_sm_resp.</summary>
    public MessageIdFormat SubmitResponseFormat { get; } = submitResponseFormat;

    /// <summary>How this bind's SMSC writes the id in the receipt text.</summary>
    public MessageIdFormat ReceiptFormat { get; } = receiptFormat;

    /// <summary>The key to store when the submit_sm_resp arrives.</summary>
    public string KeyForSubmitResponse(string id) => Key(id, SubmitResponseFormat);

    /// <summary>The key to look up when a receipt names <paramref name="id"/> in its text.</summary>
    public string KeyForReceipt(string id) => Key(id, ReceiptFormat);

    /// <summary>
    /// The key of a parsed receipt: its receipted_message_id TLV carries the submit response's id and format,
    /// so it is preferred; the text's id is read in the receipt format.
    /// </summary>
    public string KeyForReceipt(DeliveryReceipt receipt) => receipt.ReceiptedMessageId is { } tlv
        ? KeyForSubmitResponse(tlv)
        : KeyForReceipt(receipt.Id);

    /// <summary>True when a submit response id and a receipt id name the same message on this bind.</summary>
    public bool AreSame(string submitResponseId, string receiptId) =>
        string.Equals(KeyForSubmitResponse(submitResponseId), KeyForReceipt(receiptId), StringComparison.Ordinal);

    /// <summary>The key of <paramref name="id"/> written in <paramref name="format"/>.</summary>
    public static string Key(string id, MessageIdFormat format) => AsDecimal(id, format) ?? Normalize(id);

    /// <summary>
    /// The id as a canonical decimal number when <paramref name="format"/> is numeric and the id parses in it;
    /// null for <see cref="MessageIdFormat.AsIs"/> and for ids that are not numbers in that format.
    /// </summary>
    public static string? AsDecimal(string id, MessageIdFormat format)
    {
        var trimmed = id.Trim();
        if (trimmed.Length == 0)
            return null;
        // The leading "0" keeps a hex id whose first digit is 8-F from parsing as negative.
        var parsed = format switch
        {
            MessageIdFormat.Hex => BigInteger.TryParse("0" + trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : (BigInteger?)null,
            MessageIdFormat.Decimal => BigInteger.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null,
            _ => null,
        };
        return parsed?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The opaque form of an id: trimmed, lower-case, without leading zeros ("0" when it was all zeros).</summary>
    public static string Normalize(string id)
    {
        var lower = id.Trim().ToLowerInvariant();
        var stripped = lower.TrimStart('0');
        return stripped.Length == 0 && lower.Length > 0 ? "0" : stripped;
    }
}
