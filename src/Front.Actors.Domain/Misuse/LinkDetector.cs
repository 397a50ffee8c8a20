using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Front.Actors.Domain.Misuse;

/// <summary>
/// Finds the links in a message and the host each points to: full URLs (any host after a scheme, IP literals
/// included), www. addresses, bare domains such as <c>evil.ca/x</c> or <c>blåbær.no</c> (phones turn them into
/// links just the same), and bare IPv4 addresses with a path or port. Domains are reported in their ASCII (IDN)
/// form, so a unicode spelling cannot slip past an approved or refused domain.
/// </summary>
public static partial class LinkDetector
{
    /// <summary>Link shorteners hide where a link goes; they are reported as such so a moderator can look closer.</summary>
    public static readonly IReadOnlySet<string> Shorteners = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "t.ly", "tiny.cc",
    };

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    // After a scheme everything up to the path is the host (user info such as "bank.no@" skipped: the host follows it).
    [GeneratedRegex(@"(?<![\w.+-])(?:https?|ftp)://(?:[^\s/?#@]*@)?(?<host>\[[0-9a-f:.]+\]|[^\s/?#:\[\]]+)(?::\d{1,5})?(?<path>[/?#]\S*)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    // A name of letter/digit labels (any script) with at least one dot, not glued to a word, an address or a number before it.
    [GeneratedRegex(@"(?<![\w@.:/-])(?<host>[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?)+)(?<port>:\d{1,5})?(?<path>[/?#]\S*)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex BarePattern();

    // Norwegian abbreviations that end like a country domain ("tlf.nr", "org.nr"): a link only with a path or port.
    private static readonly HashSet<string> AbbreviationEndings = new(StringComparer.Ordinal) { "nr" };

    /// <summary>The links in <paramref name="text"/>, in the order they are written.</summary>
    public static IReadOnlyList<Link> Find(string text)
    {
        var links = new List<(int Index, Link Link)>();
        var taken = new List<(int Start, int End)>();
        foreach (Match match in SchemePattern().Matches(text))
        {
            var host = match.Groups["host"].Value.TrimEnd('.');
            if (host.Length == 0)
                continue;
            taken.Add((match.Index, match.Index + match.Length));
            links.Add((match.Index, Describe(match.Value, host)));
        }
        foreach (Match match in BarePattern().Matches(text))
        {
            if (taken.Any(t => match.Index < t.End && t.Start < match.Index + match.Length))
                continue;
            if (Bare(match) is { } link)
                links.Add((match.Index, link));
        }
        return links.OrderBy(l => l.Index).Select(l => l.Link).ToList();
    }

    /// <summary>
    /// A bare name is a link when it ends in a known top-level domain (any ending after www.), or is an
    /// IPv4 address with a path or port. When the whole name is not one, the name without its last label is tried
    /// ("www.example.com.Ha det" is www.example.com and a new sentence).
    /// </summary>
    private static Link? Bare(Match match)
    {
        var host = match.Groups["host"].Value;
        var hasPathOrPort = match.Groups["path"].Success || match.Groups["port"].Success;
        if (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && host.Count(c => c == '.') == 3)
            return hasPathOrPort ? Describe(match.Value, host) : null; // "22.33.44.55" alone may be a phone number
        var labels = host.Split('.');
        if (IsLinkHost(labels, hasPathOrPort))
            return Describe(match.Value, host);
        for (var count = labels.Length - 1; count >= 2; count--)
            if (IsLinkHost(labels[..count], hasPathOrPort: false))
                return Describe(string.Join('.', labels[..count]), string.Join('.', labels[..count]));
        return null;
    }

    private static bool IsLinkHost(string[] labels, bool hasPathOrPort)
    {
        var last = labels[^1];
        var hasWww = labels.Length > 2 && labels[0].Equals("www", StringComparison.OrdinalIgnoreCase);
        if (!hasPathOrPort)
        {
            // "Takk for sist.Se deg" is two sentences, not sist.se: a capitalised ending after a lower-case name.
            if (char.IsUpper(last[0]) && last.Skip(1).Any(char.IsLower) && labels[^2].Any(char.IsLower))
                return false;
            if (!hasWww && AbbreviationEndings.Contains(last.ToLowerInvariant()))
                return false;
        }
        if (ToAscii(string.Join('.', labels)) is not { } ascii)
            return false;
        var tld = ascii[(ascii.LastIndexOf('.') + 1)..];
        if (tld.StartsWith("xn--", StringComparison.Ordinal))
            // Punycode as written is never ordinary text; a unicode ending must be a known country's.
            return last.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || TopLevelDomains.IsKnown(tld);
        if (!tld.All(char.IsAsciiLetter) || tld.Length < 2)
            return false; // "kl. 10.30", "1.5": numbers, not names
        // An unknown ending counts only after www.: "Mvh.Ola/Kari" is not a link, "www.butikk.shop" is.
        return TopLevelDomains.IsKnown(tld) || hasWww;
    }

    private static Link Describe(string written, string host)
    {
        var trimmedHost = host.Trim('[', ']');
        if (IPAddress.TryParse(trimmedHost, out var ip))
            return new Link(TrimTrailingPunctuation(written), ip.ToString(), IsShortener: false) { IsIpAddress = true };
        var ascii = ToAscii(host) ?? host.ToLowerInvariant();
        var domain = ascii.StartsWith("www.", StringComparison.Ordinal) ? ascii[4..] : ascii;
        var internationalized = domain.Split('.').Any(l => l.StartsWith("xn--", StringComparison.Ordinal));
        return new Link(TrimTrailingPunctuation(written), domain, Shorteners.Contains(domain)) { IsInternationalized = internationalized };
    }

    /// <summary>The host in lower-case ASCII (unicode labels as punycode), or null when it is no valid name.</summary>
    private static string? ToAscii(string host)
    {
        try
        {
            return Idn.GetAscii(host.ToLowerInvariant()).TrimEnd('.');
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // A sentence's full stop or a closing bracket after a link is not part of it.
    private static string TrimTrailingPunctuation(string written) => written.TrimEnd('.', ',', '!', '?', ')', ';', ':', '"', '\'');
}

/// <summary>
/// One link in a message: as written, its host (lower-case ASCII without www., or the address for an IP literal),
/// and what makes it worth a closer look: a shortener, an IP address, an internationalized (punycode) name.
/// </summary>
public sealed record Link(string Text, string Domain, bool IsShortener)
{
    public bool IsIpAddress { get; init; }

    public bool IsInternationalized { get; init; }

    /// <summary>How a moderator reads it: the host, and why it is suspicious when it is.</summary>
    public string Describe() => this switch
    {
        { IsShortener: true } => $"{Domain} (shortened link)",
        { IsIpAddress: true } => $"{Domain} (IP address)",
        { IsInternationalized: true } => $"{Domain} ({UnicodeOf(Domain)}, internationalized name)",
        _ => Domain,
    };

    private static string UnicodeOf(string domain)
    {
        try
        {
            return new System.Globalization.IdnMapping().GetUnicode(domain);
        }
        catch (ArgumentException)
        {
            return domain;
        }
    }
}
