namespace Front.Actors.Smpp.Text;

/// <summary>Text to short_message octets and back, for the data codings Front.Actors uses.</summary>
public static class SmsTextCodec
{
    /// <summary>GSM 7-bit when every character fits (cheapest: 160 per part), else UCS-2.</summary>
    public static DataCoding ChooseFor(string text) => Gsm7.CanEncode(text) ? DataCoding.SmscDefault : DataCoding.Ucs2;

    public static byte[] Encode(string text, DataCoding coding) => coding switch
    {
        DataCoding.SmscDefault => Gsm7.EncodeUnpacked(text),
        DataCoding.Ascii => EncodeStrict(text, 0x7F, "ASCII"),
        DataCoding.Latin1 => EncodeStrict(text, 0xFF, "Latin-1"),
        // UTF-16 code units as UCS-2: an emoji travels as its surrogate pair, which is what handsets expect.
        DataCoding.Ucs2 => System.Text.Encoding.BigEndianUnicode.GetBytes(text),
        _ => throw new NotSupportedException($"data_coding {coding} is not text"),
    };

    public static string Decode(ReadOnlySpan<byte> bytes, DataCoding coding) => coding switch
    {
        DataCoding.SmscDefault => Gsm7.DecodeUnpacked(bytes),
        DataCoding.Ascii or DataCoding.Latin1 => System.Text.Encoding.Latin1.GetString(bytes),
        DataCoding.Ucs2 => System.Text.Encoding.BigEndianUnicode.GetString(bytes),
        _ => Convert.ToHexStringLower(bytes),
    };

    private static byte[] EncodeStrict(string text, int max, string name)
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
}
