using System.Globalization;

namespace Front.Actors.SmscSimulator;

/// <summary>How the simulator writes a message id: real SMSCs differ, and some differ between response and receipt.</summary>
public enum MessageIdStyle
{
    /// <summary>Lower-case hexadecimal, e.g. "1a2b".</summary>
    Hex,

    /// <summary>Decimal, e.g. "6699".</summary>
    Decimal,
}

internal static class MessageIdStyleExtensions
{
    public static string Format(this MessageIdStyle style, ulong id) =>
        style == MessageIdStyle.Hex ? id.ToString("x", CultureInfo.InvariantCulture) : id.ToString(CultureInfo.InvariantCulture);
}
