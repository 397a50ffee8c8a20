using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Reads QR codes the way a phone's camera does, from the pixels: a PNG is decoded with StbImageSharp (managed, no
/// System.Drawing), an SVG is drawn module by module from its rectangles; ZXing finds and decodes the code in either.
/// </summary>
internal static class QrImages
{
    public static string DecodePng(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        return Decode(image.Data, image.Width, image.Height);
    }

    /// <summary>
    /// Paints the SVG on a white canvas of its view box, <see cref="SvgScale"/> pixels per unit: its rectangles (black unless
    /// filled white) and its paths' runs of dark modules (QRCoder writes each as <c>M x y h w v 1 h -w z</c>).
    /// </summary>
    public static string DecodeSvg(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        var box = ((string)root.Attribute("viewBox")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Number).ToArray();
        var (width, height) = ((int)box[2] * SvgScale, (int)box[3] * SvgScale);
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        void Paint(double x, double y, double w, double h, byte shade)
        {
            for (var row = Math.Max(0, (int)(y * SvgScale)); row < Math.Min(height, (int)((y + h) * SvgScale)); row++)
                for (var column = Math.Max(0, (int)(x * SvgScale)); column < Math.Min(width, (int)((x + w) * SvgScale)); column++)
                    pixels[row * width + column] = shade;
        }
        foreach (var shape in root.Descendants())
        {
            var shade = ((string?)shape.Attribute("fill"))?.ToLowerInvariant() is "#fff" or "#ffffff" or "white" ? (byte)255 : (byte)0;
            if (shape.Name.LocalName == "rect")
                Paint(Number((string?)shape.Attribute("x") ?? "0"), Number((string?)shape.Attribute("y") ?? "0"),
                    Number((string)shape.Attribute("width")!), Number((string)shape.Attribute("height")!), shade);
            else if (shape.Name.LocalName == "path")
                foreach (Match run in Runs.Matches((string)shape.Attribute("d")!))
                    Paint(Number(run.Groups["x"].Value), Number(run.Groups["y"].Value), Number(run.Groups["w"].Value), Number(run.Groups["h"].Value), shade);
        }
        return Decode(pixels, width, height);
    }

    private const int SvgScale = 4;

    private static readonly Regex Runs = new(@"M(?<x>[\d.]+)[ ,](?<y>[\d.]+)h(?<w>[\d.]+)v(?<h>[\d.]+)h-[\d.]+z", RegexOptions.Compiled);

    private static double Number(string text) => double.Parse(text.Replace("px", ""), CultureInfo.InvariantCulture);

    private static string Decode(byte[] grey, int width, int height)
    {
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var result = reader.Decode(new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        return result?.Text ?? throw new InvalidOperationException($"no QR code found in the {width}x{height} image");
    }
}
