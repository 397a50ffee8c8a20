using System.Text.RegularExpressions;

namespace Front.Actors.Domain.Misuse;

/// <summary>
/// Finds the links in a message and the domain each points to: full URLs, www. addresses and bare domains
/// such as <c>example.no/x</c>, which phones turn into links just the same.
/// </summary>
public static partial class LinkDetector
{
    /// <summary>Link shorteners hide where a link goes; they are reported as such so a moderator can look closer.</summary>
    public static readonly IReadOnlySet<string> Shorteners = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "t.ly", "tiny.cc",
    };

    // A host of labels ending in a letters-only top-level domain, optionally after a scheme, optionally with a path.
    [GeneratedRegex(@"(?<![\w@.-])(?:(?:https?|ftp)://)?(?<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?<tld>[a-z]{2,24}))(?::\d{1,5})?(?<path>/[^\s]*)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    // Endings that look like domains in ordinary Norwegian text ("kl. 10.30", "f.eks", "osv.") are not links.
    private static readonly HashSet<string> NotTopLevelDomains = new(StringComparer.OrdinalIgnoreCase) { "eks", "osv", "mvh", "kl", "nr", "ca", "bl" };

    public static IReadOnlyList<Link> Find(string text)
    {
        var links = new List<Link>();
        foreach (Match match in LinkPattern().Matches(text))
        {
            var host = match.Groups["host"].Value.ToLowerInvariant();
            var hasScheme = match.Value.Contains("://", StringComparison.Ordinal);
            if (!hasScheme && NotTopLevelDomains.Contains(match.Groups["tld"].Value))
                continue;
            var domain = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
            links.Add(new Link(match.Value, domain, Shorteners.Contains(domain)));
        }
        return links;
    }
}

/// <summary>One link in a message: as written, its domain (without www.), and whether it is a shortener.</summary>
public sealed record Link(string Text, string Domain, bool IsShortener);
