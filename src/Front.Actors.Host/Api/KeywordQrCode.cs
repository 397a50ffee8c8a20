using QRCoder;

namespace Front.Actors.Host.Api;

/// <summary>
/// Draws a QR code as PNG or SVG with QRCoder's own writers (no System.Drawing, so it runs the same on Linux), at
/// error correction level M: about 15% of the code may be smudged or covered on a printed poster and it still reads,
/// while the code stays small enough for a phone to focus on from a metre away.
/// </summary>
public static class KeywordQrCode
{
    /// <summary>Pixels per module: a 29-module code (a keyword and a few words) becomes about 370 px with its quiet zone.</summary>
    private const int PixelsPerModule = 10;

    public static byte[] Png(string payload)
    {
        using var data = Encode(payload);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public static string Svg(string payload)
    {
        using var data = Encode(payload);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule);
    }

    /// <summary>
    /// Always UTF-8, without an ECI header: left to itself QRCoder writes æøå in ISO-8859-1, which a reader must guess
    /// (ZXing.Net 0.16 read "SMSTO:2401:BLÅBÆR" written so as "BL�B�R"), while valid UTF-8 multi-byte sequences are what
    /// readers recognise first (it read the UTF-8 code right). An ECI header would say it outright, but not every reader honours it.
    /// </summary>
    private static QRCodeData Encode(string payload)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
    }
}
