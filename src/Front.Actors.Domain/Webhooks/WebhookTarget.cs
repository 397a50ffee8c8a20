using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Front.Actors.Domain.Webhooks;

/// <summary>
/// A webhook URL as a customer may save it: absolute https (plain http only when <paramref name="AllowHttp"/>),
/// no credentials in it, and a host that is neither <c>localhost</c> nor a literal address the
/// <see cref="AddressPolicy"/> refuses. Names are judged again, by every address they resolve to, when the
/// call connects (a name can be pointed anywhere after it is saved).
/// </summary>
public static class WebhookTarget
{
    public const int MaxLength = 2_000;

    public static bool TryParse(string? text, bool allowHttp, AddressPolicy policy, [NotNullWhen(true)] out Uri? uri, [NotNullWhen(false)] out string? reason)
    {
        uri = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Fail("the URL is required", out reason);
        if (text.Length > MaxLength)
            return Fail($"at most {MaxLength} characters", out reason);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
            return Fail("must be an absolute https URL", out reason);
        if (parsed.Scheme == "http" && !allowHttp)
            return Fail("must use https", out reason);
        if (parsed.UserInfo.Length > 0)
            return Fail("must not carry a user name or password; use the rule's secret", out reason);
        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            var address = IPAddress.Parse(parsed.IdnHost.Trim('[', ']'));
            if (policy.Refuse(address) is { } why)
                return Fail($"the host is {why}, which webhooks may not reach", out reason);
        }
        else if (parsed.HostNameType != UriHostNameType.Dns)
            return Fail("the host must be a DNS name or an IP address", out reason);
        else if (IsLocalName(parsed.IdnHost) && !policy.AllowLoopback)
            return Fail("the host is a local name, which webhooks may not reach", out reason);
        uri = parsed;
        reason = null;
        return true;
    }

    /// <summary><c>localhost</c>, its sub-domains (RFC 6761) and single-label names a resolver completes locally.</summary>
    private static bool IsLocalName(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        return host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal)
            || host.EndsWith(".internal", StringComparison.Ordinal) || !host.Contains('.');
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
