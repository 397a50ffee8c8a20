using System.Text;

namespace Front.Actors.Domain.Contacts;

/// <summary>
/// Reads an uploaded file's bytes as text. Excel in Norway saves "CSV" as Windows-1252 and "CSV UTF-8" with a BOM;
/// other tools write UTF-8 without one. Bytes that are valid UTF-8 are taken as UTF-8 (Windows-1252 text with æøå is
/// practically never valid UTF-8), anything else as Windows-1252, so æøå come through from both.
/// </summary>
public static class ImportEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252 is not built into .NET; the code-pages provider (part of the shared framework) supplies it.</summary>
    private static readonly Encoding Windows1252 = CreateWindows1252();

    public sealed record Decoded(string Text, string EncodingName);

    public static Decoded Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return new Decoded(StrictOrNull(bytes[3..]) ?? Windows1252.GetString(bytes[3..]), "utf-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new Decoded(Encoding.Unicode.GetString(bytes[2..]), "utf-16");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new Decoded(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        return StrictOrNull(bytes) is { } utf8 ? new Decoded(utf8, "utf-8") : new Decoded(Windows1252.GetString(bytes), "windows-1252");
    }

    private static string? StrictOrNull(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
