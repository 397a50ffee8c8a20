namespace Front.Actors.Smpp.Text;

/// <summary>
/// The GSM 03.38 default alphabet and its basic extension table, in the unpacked form SMPP carries with
/// data_coding 0 (one septet per octet), plus 7-bit packing for peers that want packed user data.
/// Norwegian letters (æøåÆØÅ) are in the default table, so Norwegian text stays 7-bit.
/// </summary>
public static class Gsm7
{
    public const byte Escape = 0x1B;

    // Index = septet value. 0x1B is the escape to the extension table.
    private const string DefaultTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly Dictionary<char, byte> Extension = new()
    {
        ['\f'] = 0x0A, ['^'] = 0x14, ['{'] = 0x28, ['}'] = 0x29, ['\\'] = 0x2F,
        ['['] = 0x3C, ['~'] = 0x3D, [']'] = 0x3E, ['|'] = 0x40, ['€'] = 0x65,
    };

    private static readonly Dictionary<char, byte> Default = BuildDefault();
    private static readonly Dictionary<byte, char> ExtensionByCode = Extension.ToDictionary(kv => kv.Value, kv => kv.Key);

    private static Dictionary<char, byte> BuildDefault()
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < DefaultTable.Length; i++)
            if (i != Escape)
                map[DefaultTable[i]] = (byte)i;
        return map;
    }

    public static bool IsInDefaultTable(char c) => Default.ContainsKey(c);

    public static bool IsInExtensionTable(char c) => Extension.ContainsKey(c);

    public static bool CanEncode(string text)
    {
        foreach (var c in text)
            if (!Default.ContainsKey(c) && !Extension.ContainsKey(c))
                return false;
        return true;
    }

    /// <summary>Septets the text takes: extension characters take two (escape + code).</summary>
    public static int SeptetCount(string text)
    {
        var count = 0;
        foreach (var c in text)
            count += Extension.ContainsKey(c) ? 2 : 1;
        return count;
    }

    public static byte[] EncodeUnpacked(string text)
    {
        var bytes = new byte[SeptetCount(text)];
        var at = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Default.TryGetValue(c, out var code))
                bytes[at++] = code;
            else if (Extension.TryGetValue(c, out var ext))
            {
                bytes[at++] = Escape;
                bytes[at++] = ext;
            }
            else
                throw new ArgumentException($"'{c}' (U+{(int)c:X4}) at position {i} is not in the GSM 03.38 alphabet", nameof(text));
        }
        return bytes;
    }

    /// <summary>
    /// Decodes unpacked septets. Tolerant, because this reads what phones and SMSCs send: an unknown escape
    /// gives the default-table character (as 03.38 says), and octets above 0x7F are masked to 7 bits.
    /// </summary>
    public static string DecodeUnpacked(ReadOnlySpan<byte> septets)
    {
        var chars = new char[septets.Length];
        var length = 0;
        for (var i = 0; i < septets.Length; i++)
        {
            var code = (byte)(septets[i] & 0x7F);
            if (code == Escape && i + 1 < septets.Length)
            {
                var next = (byte)(septets[++i] & 0x7F);
                chars[length++] = ExtensionByCode.TryGetValue(next, out var ext) ? ext : next == Escape ? ' ' : DefaultTable[next];
            }
            else
                chars[length++] = code == Escape ? ' ' : DefaultTable[code];
        }
        return new string(chars, 0, length);
    }

    /// <summary>
    /// Packs septets 8 into 7 octets. <paramref name="fillBits"/> leading zero bits align the first septet
    /// after a User Data Header to a septet boundary.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        var totalBits = fillBits + septets.Length * 7;
        var packed = new byte[(totalBits + 7) / 8];
        var bit = fillBits;
        foreach (var septet in septets)
        {
            var value = septet & 0x7F;
            var index = bit / 8;
            var shift = bit % 8;
            packed[index] |= (byte)(value << shift);
            if (shift > 1)
                packed[index + 1] |= (byte)(value >> (8 - shift));
            bit += 7;
        }
        return packed;
    }

    public static byte[] Unpack(ReadOnlySpan<byte> packed, int septetCount, int fillBits = 0)
    {
        if (fillBits + septetCount * 7 > packed.Length * 8)
            throw new ArgumentException($"{packed.Length} octets cannot hold {septetCount} septets", nameof(septetCount));
        var septets = new byte[septetCount];
        var bit = fillBits;
        for (var i = 0; i < septetCount; i++)
        {
            var index = bit / 8;
            var shift = bit % 8;
            var value = packed[index] >> shift;
            if (shift > 1)
                value |= packed[index + 1] << (8 - shift);
            septets[i] = (byte)(value & 0x7F);
            bit += 7;
        }
        return septets;
    }
}
