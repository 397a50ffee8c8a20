using System.Net;

namespace Front.Actors.Domain.Identity;

/// <summary>
/// A list of address ranges in CIDR notation ("203.0.113.0/24", "2001:db8::/32"; a bare address is a range of
/// one), as an API key's allowed addresses or an organization's trusted ones. IPv4 addresses that arrive
/// mapped into IPv6 (::ffff:203.0.113.7, as a dual-stack socket reports them) match their IPv4 ranges.
/// </summary>
public sealed class IpRanges
{
    public const int MaxRanges = 50;

    private readonly IReadOnlyList<IPNetwork> _ranges;

    private IpRanges(IReadOnlyList<IPNetwork> ranges) => _ranges = ranges;

    /// <summary>No ranges: every address.</summary>
    public static IpRanges Any { get; } = new([]);

    public bool IsAny => _ranges.Count == 0;

    /// <summary>The ranges as written back (normalized: "203.0.113.0/24").</summary>
    public IReadOnlyList<string> Written => _ranges.Select(r => r.ToString()).ToList();

    public static bool TryParse(IEnumerable<string?>? written, out IpRanges ranges, out string reason)
    {
        ranges = Any;
        var parsed = new List<IPNetwork>();
        foreach (var (text, i) in (written ?? []).Select((t, i) => (t?.Trim() ?? "", i)))
        {
            if (!TryParseOne(text, out var network))
            {
                reason = $"[{i}] '{text}' is not an address or a range in CIDR notation (203.0.113.0/24)";
                return false;
            }
            parsed.Add(network);
        }
        if (parsed.Count > MaxRanges)
        {
            reason = $"at most {MaxRanges} ranges";
            return false;
        }
        ranges = new IpRanges(parsed.Distinct().ToList());
        reason = "";
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (IsAny)
            return true;
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _ranges.Any(r => r.Contains(plain));
    }

    private static bool TryParseOne(string text, out IPNetwork network)
    {
        network = default;
        if (text.Contains('/'))
        {
            if (!IPNetwork.TryParse(text, out network))
                return false;
            // "203.0.113.7/24" names a host, not a range: say what is meant.
            return network.ToString() == Normalize(text);
        }
        if (!IPAddress.TryParse(text, out var single))
            return false;
        var plain = single.IsIPv4MappedToIPv6 ? single.MapToIPv4() : single;
        network = new IPNetwork(plain, plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    private static string Normalize(string cidr)
    {
        var slash = cidr.IndexOf('/');
        return IPAddress.TryParse(cidr[..slash], out var address) ? $"{address}{cidr[slash..]}" : cidr;
    }
}
