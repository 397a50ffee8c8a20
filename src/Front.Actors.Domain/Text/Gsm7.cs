namespace Front.Actors.Domain.Text;

/// <summary>
/// The GSM 03.38 default alphabet and its basic extension table, in the unpacked form SMPP carries with
/// data_coding 0 (one septet per octet), plus 7-bit packing for peers that want packed user data.
/// Norwegian letters (æøåÆØÅ) are in the default table, so Norwegian text stays 7-bit.
/// </summary>
public static class Gsm7
{
    /// <summary>The septet that switches the next septet to the extension table.</summary>
    public const byte Escape = 0x1B;

    /// <summary>Fill bits align the first septet after a header to a septet boundary, so there are at most six.</summary>
    public const int MaxFillBits = 6;

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

    /// <summary>True when <paramref name="c"/> takes one septet.</summary>
    public static bool IsInDefaultTable(char c) => Default.ContainsKey(c);

    /// <summary>True when <paramref name="c"/> takes an escape and a septet.</summary>
    public static bool IsInExtensionTable(char c) => Extension.ContainsKey(c);

    /// <summary>True when every character of <paramref name="text"/> is in the default or the extension table.</summary>
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

    /// <summary>
    /// One septet per octet, extension characters as <see cref="Escape"/> and their code. Throws
    /// <see cref="ArgumentException"/> naming the first character that is not in GSM 03.38.
    /// </summary>
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
    /// Decodes unpacked septets. Tolerant, because this reads what phones and SMSCs send: an escape before a
    /// code the extension table lacks gives the default-table character (as 03.38 says), a doubled or trailing
    /// escape gives a space, and octets above 0x7F are masked to 7 bits.
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
        CheckFillBits(fillBits);
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

    /// <summary>
    /// Reads <paramref name="septetCount"/> septets from packed user data, skipping <paramref name="fillBits"/>
    /// leading bits. The count comes from the user data length, because the last octet can hold a spare septet's
    /// worth of zero bits that would otherwise read as '@'.
    /// </summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int septetCount, int fillBits = 0)
    {
        CheckFillBits(fillBits);
        ArgumentOutOfRangeException.ThrowIfNegative(septetCount);
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

    private static void CheckFillBits(int fillBits)
    {
        if (fillBits is < 0 or > MaxFillBits)
            throw new ArgumentOutOfRangeException(nameof(fillBits), fillBits, $"fill bits are 0 to {MaxFillBits}");
    }
}
