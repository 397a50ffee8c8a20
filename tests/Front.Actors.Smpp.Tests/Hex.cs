namespace Front.Actors.Smpp.Tests;

/// <summary>Test vectors are written as spaced hex, the way they are read off the specification and a capture.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(string.Concat(hex.Where(char.IsAsciiHexDigit)));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
