namespace Front.Actors.Smpp.Codec;

/// <summary>
/// C-octet strings carry ASCII (system ids, addresses, message ids). They are read as Latin-1 so that
/// no octet is lost, and written one octet per character; characters above U+00FF are replaced by '?'.
/// </summary>
internal static class CString
{
    /// <summary>Encoded size including the NUL terminator.</summary>
    public static int SizeOf(string value) => value.Length + 1;

    public static string Decode(ReadOnlySpan<byte> octets) =>
        octets.IsEmpty ? string.Empty : System.Text.Encoding.Latin1.GetString(octets);

    public static int Encode(string value, Span<byte> destination)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            destination[i] = c is '\0' or > '\u00FF' ? (byte)'?' : (byte)c;
        }
        return value.Length;
    }

    /// <summary>Guards encoding: a field we send must fit its maximum, or the peer would reject the whole PDU.</summary>
    public static void EnsureFits(string value, int maxSize, string field)
    {
        if (value.Length + 1 > maxSize)
            throw new ArgumentException($"{field} is {value.Length} characters, at most {maxSize - 1} allowed", field);
    }
}
