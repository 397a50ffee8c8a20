namespace Front.Actors.Domain.Text;

/// <summary>
/// Text to short_message octets and back, for the data codings Front.Actors uses: GSM 03.38 unpacked for the
/// SMSC default, ASCII, Latin-1 and UCS-2. Binary codings are not text: they cannot be encoded from a string
/// and decode to lowercase hex, so a log or a test can still show them.
/// </summary>
public static class SmsTextCodec
{
    /// <summary>GSM 7-bit when every character fits (cheapest: 160 per part), else UCS-2.</summary>
    public static DataCoding ChooseFor(string text) => Gsm7.CanEncode(text) ? DataCoding.SmscDefault : DataCoding.Ucs2;

    /// <summary>
    /// The octets of <paramref name="text"/> in <paramref name="coding"/>. Throws <see cref="ArgumentException"/>
    /// naming the first character the coding cannot carry, and <see cref="NotSupportedException"/> for binary codings.
    /// </summary>
    public static byte[] Encode(string text, DataCoding coding) => coding switch
    {
        DataCoding.SmscDefault => Gsm7.EncodeUnpacked(text),
        DataCoding.Ascii => EncodeOneOctet(text, 0x7F, "ASCII"),
        DataCoding.Latin1 => EncodeOneOctet(text, 0xFF, "Latin-1"),
        DataCoding.Ucs2 => EncodeUcs2(text),
        _ => throw new NotSupportedException($"data_coding {coding} is not text"),
    };

    /// <summary>
    /// The text in <paramref name="bytes"/>. Never throws on content: whatever a peer sends is shown as best it can be.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, DataCoding coding) => coding switch
    {
        DataCoding.SmscDefault => Gsm7.DecodeUnpacked(bytes),
        // Latin-1 is a superset of ASCII, so a peer's stray high octet still shows as something.
        DataCoding.Ascii or DataCoding.Latin1 => System.Text.Encoding.Latin1.GetString(bytes),
        DataCoding.Ucs2 => DecodeUcs2(bytes),
        _ => Convert.ToHexStringLower(bytes),
    };

    private static byte[] EncodeOneOctet(string text, int max, string name)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > max)
                throw new ArgumentException($"'{text[i]}' (U+{(int)text[i]:X4}) at position {i} is not {name}", nameof(text));
            bytes[i] = (byte)text[i];
        }
        return bytes;
    }

    // Code unit by code unit rather than through Encoding.BigEndianUnicode, which swaps a lone surrogate for
    // U+FFFD: another sender may split an emoji across two parts, and each half must survive until reassembly.
    private static byte[] EncodeUcs2(string text)
    {
        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[2 * i] = (byte)(text[i] >> 8);
            bytes[2 * i + 1] = (byte)text[i];
        }
        return bytes;
    }

    private static string DecodeUcs2(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[(bytes.Length + 1) / 2];
        for (var i = 0; i + 1 < bytes.Length; i += 2)
            chars[i / 2] = (char)(bytes[i] << 8 | bytes[i + 1]);
        // An odd trailing octet is a broken peer; show that something was there.
        if (bytes.Length % 2 == 1)
            chars[^1] = '\uFFFD';
        return new string(chars);
    }
}
