namespace Front.Actors.Domain.Text;

/// <summary>
/// Cuts a text into the short_message payloads of one SMS or of a concatenated series, each part with its
/// UDH. User data holds 140 octets; in GSM 7-bit that is 160 septets, 153 after an 8-bit-reference UDH
/// (152 after a 16-bit one); in UCS-2 70 characters, 67 (66). An escape pair or a surrogate pair is never
/// split across parts.
/// </summary>
public static class SmsSplitter
{
    private const int UserDataOctets = 140;

    /// <summary>
    /// The short_message payloads for <paramref name="text"/>: one payload without a header when it fits a single
    /// SMS, else up to 255 parts each starting with a concatenation UDH (set UDHI in esm_class for those).
    /// With an 8-bit reference only the low octet of <paramref name="reference"/> is sent.
    /// </summary>
    public static IReadOnlyList<byte[]> Split(string text, DataCoding coding, ushort reference, bool use16BitReference = false)
    {
        var encoded = SmsTextCodec.Encode(text, coding);
        if (encoded.Length <= SingleCapacity(coding))
            return [encoded];

        var udhLength = UserDataHeader.ConcatenationHeaderLength(use16BitReference);
        var capacity = PartCapacity(coding, udhLength);
        var chunks = Chunk(encoded, coding, capacity);
        if (chunks.Count > 255)
            throw new ArgumentException($"the text needs {chunks.Count} parts; at most 255 can be concatenated", nameof(text));

        var parts = new List<byte[]>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var header = UserDataHeader.BuildConcatenation(new ConcatenationInfo(reference, (byte)chunks.Count, (byte)(i + 1), use16BitReference));
            parts.Add([.. header, .. chunks[i]]);
        }
        return parts;
    }

    /// <summary>Units (septets for GSM, octets otherwise) one unconcatenated SMS holds.</summary>
    public static int SingleCapacity(DataCoding coding) => coding == DataCoding.SmscDefault ? UserDataOctets * 8 / 7 : UserDataOctets;

    /// <summary>
    /// Units one part holds after a UDH of <paramref name="udhLength"/> octets. GSM parts are sized as if packed,
    /// because that is how the SMSC sends them on: the septets left after the header and its fill bits, which
    /// comes to floor((140 - udhLength) * 8 / 7), so 153 after 6 octets and 152 after 7. UCS-2 keeps whole code units.
    /// </summary>
    public static int PartCapacity(DataCoding coding, int udhLength) => coding switch
    {
        DataCoding.SmscDefault => (UserDataOctets - udhLength) * 8 / 7,
        DataCoding.Ucs2 => (UserDataOctets - udhLength) / 2 * 2,
        _ => UserDataOctets - udhLength,
    };

    private static List<byte[]> Chunk(byte[] encoded, DataCoding coding, int capacity)
    {
        var chunks = new List<byte[]>();
        for (var at = 0; at < encoded.Length;)
        {
            var size = Math.Min(capacity, encoded.Length - at);
            if (at + size < encoded.Length)
            {
                // Do not end a part on the first half of a pair.
                if (coding == DataCoding.SmscDefault && EndsInsideEscape(encoded, at, size))
                    size--;
                else if (coding == DataCoding.Ucs2 && char.IsHighSurrogate((char)(encoded[at + size - 2] << 8 | encoded[at + size - 1])))
                    size -= 2;
            }
            chunks.Add(encoded[at..(at + size)]);
            at += size;
        }
        return chunks;
    }

    // An escape octet is the first of a pair only if an even number of escapes precede it in a run.
    private static bool EndsInsideEscape(byte[] septets, int start, int size)
    {
        var run = 0;
        for (var i = start + size - 1; i >= start && septets[i] == Gsm7.Escape; i--)
            run++;
        return run % 2 == 1;
    }
}
