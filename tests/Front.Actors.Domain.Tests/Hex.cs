namespace Front.Actors.Domain.Tests;

/// <summary>Test vectors are written as spaced hex, the way they are read off a specification or a capture.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(string.Concat(hex.Where(char.IsAsciiHexDigit)));
}
