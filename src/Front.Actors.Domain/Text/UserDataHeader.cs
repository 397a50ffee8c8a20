namespace Front.Actors.Domain.Text;

/// <summary>
/// The User Data Header at the start of short_message when esm_class has UDHI set (3GPP TS 23.040 9.2.3.24):
/// a length octet (UDHL) and information elements. Front.Actors writes and reads concatenation elements:
/// IE 0x00 with an 8-bit reference and IE 0x08 with a 16-bit one.
/// </summary>
public static class UserDataHeader
{
    private const byte Concat8 = 0x00;
    private const byte Concat16 = 0x08;

    /// <summary>
    /// The whole header, UDHL included: 6 octets for an 8-bit reference (only the low octet of
    /// <see cref="ConcatenationInfo.Reference"/> is written), 7 for a 16-bit one.
    /// </summary>
    public static byte[] BuildConcatenation(ConcatenationInfo info) => info.Is16BitReference
        ? [0x06, Concat16, 0x04, (byte)(info.Reference >> 8), (byte)info.Reference, info.Total, info.Sequence]
        : [0x05, Concat8, 0x03, (byte)info.Reference, info.Total, info.Sequence];

    /// <summary>The octets <see cref="BuildConcatenation"/> writes, UDHL included.</summary>
    public static int ConcatenationHeaderLength(bool is16BitReference) => is16BitReference ? 7 : 6;

    /// <summary>
    /// Reads the header at the start of <paramref name="userData"/>. Returns false when it is malformed
    /// (empty, runs past the message, an element runs past the header). Otherwise
    /// <paramref name="headerLength"/> is the header's size including the UDHL octet, so the text starts there,
    /// and <paramref name="concatenation"/> is null when there is no usable concatenation element (none, total 0,
    /// sequence 0 or beyond total). Elements Front.Actors does not know are skipped.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> userData, out int headerLength, out ConcatenationInfo? concatenation)
    {
        headerLength = 0;
        concatenation = null;
        if (userData.IsEmpty)
            return false;
        var udhl = userData[0];
        if (udhl + 1 > userData.Length)
            return false;
        var elements = userData.Slice(1, udhl);
        for (var at = 0; at < elements.Length;)
        {
            if (at + 2 > elements.Length)
                return false;
            var id = elements[at];
            var length = elements[at + 1];
            if (at + 2 + length > elements.Length)
                return false;
            var data = elements.Slice(at + 2, length);
            if (id == Concat8 && length == 3)
                concatenation = Valid(new ConcatenationInfo(data[0], data[1], data[2]));
            else if (id == Concat16 && length == 4)
                concatenation = Valid(new ConcatenationInfo((ushort)(data[0] << 8 | data[1]), data[2], data[3], true));
            at += 2 + length;
        }
        headerLength = udhl + 1;
        return true;
    }

    private static ConcatenationInfo? Valid(ConcatenationInfo info) =>
        info.Total == 0 || info.Sequence == 0 || info.Sequence > info.Total ? null : info;
}
