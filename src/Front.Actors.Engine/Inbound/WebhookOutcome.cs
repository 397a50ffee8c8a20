using System.Net;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// How a webhook call ended, as the class the deliveries list shows. Never the exception's or the socket's own
/// words: those tell a caller which ports and hosts exist behind us.
/// </summary>
public static class WebhookOutcome
{
    public const string Timeout = "timeout";
    public const string RefusedAddress = "refused-address";
    public const string ConnectionFailed = "connection-failed";
    public const string TlsFailed = "tls-failed";
    public const string RuleRemoved = "rule-removed";
    public const string SecretUnreadable = "secret-unreadable";

    private static readonly HashSet<string> Known = ["1xx", "3xx", "4xx", "5xx", Timeout, RefusedAddress, ConnectionFailed, TlsFailed, RuleRemoved, SecretUnreadable];

    /// <summary>null for a 2xx answer (delivered); otherwise the failure class (a redirect is a failure).</summary>
    public static string? OfStatus(HttpStatusCode status) => (int)status is >= 200 and <= 299 ? null : $"{(int)status / 100}xx";

    public static string OfException(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is WebhookAddressRefusedException)
                return RefusedAddress;
        return e switch
        {
            OperationCanceledException => Timeout,
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => TlsFailed,
            _ => ConnectionFailed,
        };
    }

    /// <summary>What a stored last error shows: rows written before status classes held raw messages.</summary>
    public static string? Shown(string? stored) => stored switch
    {
        null => null,
        _ when Known.Contains(stored) => stored,
        ['H', 'T', 'T', 'P', ' ', var digit, _, _] when char.IsAsciiDigit(digit) => $"{digit}xx",
        _ when stored.StartsWith("the webhook rule was removed", StringComparison.Ordinal) => RuleRemoved,
        _ => ConnectionFailed,
    };
}
