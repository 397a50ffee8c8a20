using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Front.Actors.Domain.Inbound;

/// <summary>
/// Signs a webhook body so the receiver can check it came from us and was not replayed: HMAC-SHA256 over
/// "&lt;unix time&gt;." + body with the rule's secret, sent as <c>t=&lt;unix time&gt;,v1=&lt;hex&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-FrontActors-Signature";

    public static string Sign(string secret, long unixTimeSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixTimeSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, unixTimeSeconds, body))}";

    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, long nowUnixSeconds, TimeSpan tolerance)
    {
        long? time = null;
        byte[]? signature = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                time = t;
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64)
            {
                try { signature = Convert.FromHexString(part[3..]); }
                catch (FormatException) { return false; }
            }
        }
        if (time is not { } at || signature is null || Math.Abs(nowUnixSeconds - at) > tolerance.TotalSeconds)
            return false;
        return CryptographicOperations.FixedTimeEquals(signature, Mac(secret, at, body));
    }

    private static byte[] Mac(string secret, long unixTimeSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixTimeSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
