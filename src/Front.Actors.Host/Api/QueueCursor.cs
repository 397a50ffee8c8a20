using System.Text;

namespace Front.Actors.Host.Api;

/// <summary>
/// The moderation queue's page cursor: the position (held time, item id) of the last item of a page, opaque to
/// clients (base64url of "ticks:id") so they pass it back rather than build one.
/// </summary>
public static class QueueCursor
{
    public static string Write(DateTimeOffset heldAt, string itemId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{heldAt.UtcTicks}:{itemId}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTimeOffset HeldAt, string ItemId)? TryRead(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var colon = text.IndexOf(':');
            if (colon <= 0 || !long.TryParse(text[..colon], out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks || colon == text.Length - 1)
                return null;
            return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
