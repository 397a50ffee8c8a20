using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Front.Actors.Domain.Misuse;

/// <summary>A domain an account may link to without review, checked and lower-cased (IDN in its ASCII form).</summary>
public static class DomainName
{
    private static readonly IdnMapping Idn = new();

    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? domain, [NotNullWhen(false)] out string? reason)
    {
        domain = null;
        var text = input?.Trim().TrimEnd('.').ToLowerInvariant() ?? "";
        if (text.StartsWith("www.", StringComparison.Ordinal))
            text = text[4..];
        if (text.Length is 0 or > 253)
        {
            reason = "a domain is 1 to 253 characters";
            return false;
        }
        try
        {
            text = Idn.GetAscii(text);
        }
        catch (ArgumentException)
        {
            reason = $"'{input}' is not a valid domain name";
            return false;
        }
        var labels = text.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || !labels[^1].All(char.IsAsciiLetter))
        {
            reason = $"'{input}' is not a domain name like example.no";
            return false;
        }
        domain = text;
        reason = null;
        return true;
    }

    /// <summary>True when <paramref name="domain"/> is <paramref name="approved"/> or one of its subdomains.</summary>
    public static bool IsCoveredBy(string domain, string approved) =>
        domain == approved || domain.EndsWith("." + approved, StringComparison.Ordinal);
}
