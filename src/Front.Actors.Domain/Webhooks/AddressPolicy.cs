using System.Net;
using System.Net.Sockets;

namespace Front.Actors.Domain.Webhooks;

/// <summary>
/// Which network addresses a customer's webhook may reach. Everything that is not a public unicast address is
/// refused, so a webhook cannot be turned against the engine's own host, its network or a cloud metadata
/// service. Loopback is allowed only when <see cref="AllowLoopback"/> is set (local mode and tests).
/// </summary>
public sealed record AddressPolicy(bool AllowLoopback)
{
    public static AddressPolicy Strict { get; } = new(AllowLoopback: false);

    /// <summary>Why the address may not be reached, or null when it may.</summary>
    public string? Refuse(IPAddress address)
    {
        // ::ffff:a.b.c.d is the IPv4 address a.b.c.d to the socket: judge it as such.
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return RefuseV4(address.GetAddressBytes());
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return RefuseV6(address);
        return "not an IP address";
    }

    public bool Allows(IPAddress address) => Refuse(address) is null;

    private string? RefuseV4(byte[] b) => (b[0], b[1]) switch
    {
        (127, _) => AllowLoopback ? null : "a loopback address",
        (0, _) => "an unspecified or 'this network' address (0.0.0.0/8)",
        (10, _) => "a private address (10.0.0.0/8)",
        (172, >= 16 and <= 31) => "a private address (172.16.0.0/12)",
        (192, 168) => "a private address (192.168.0.0/16)",
        (100, >= 64 and <= 127) => "a shared carrier-grade NAT address (100.64.0.0/10)",
        (169, 254) => "a link-local or metadata address (169.254.0.0/16)",
        (192, 0) when b[2] == 0 => "an IETF protocol address (192.0.0.0/24)",
        (192, 0) when b[2] == 2 => "a documentation address (192.0.2.0/24)",
        (198, 51) when b[2] == 100 => "a documentation address (198.51.100.0/24)",
        (203, 0) when b[2] == 113 => "a documentation address (203.0.113.0/24)",
        (198, 18 or 19) => "a benchmarking address (198.18.0.0/15)",
        (>= 224 and <= 239, _) => "a multicast address (224.0.0.0/4)",
        (255, 255) when b[2] == 255 && b[3] == 255 => "the broadcast address",
        (>= 240, _) => "a reserved address (240.0.0.0/4)",
        _ => null,
    };

    private string? RefuseV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Loopback))
            return AllowLoopback ? null : "a loopback address";
        if (address.Equals(IPAddress.IPv6None))
            return "the unspecified address (::)";
        if (b[0] == 0xff)
            return "a multicast address (ff00::/8)";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
            return "a link-local address (fe80::/10)";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
            return "a site-local address (fec0::/10)";
        if ((b[0] & 0xfe) == 0xfc)
            return "a unique-local address (fc00::/7)";
        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001:0::/32) carry an
        // IPv4 address that a gateway may reach on our behalf: judged by that address, or refused outright.
        if (b.Take(12).All(x => x == 0))
            return "an IPv4-compatible address (::/96)";
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            return RefuseV4(b[12..16]) is { } nat64 ? $"a NAT64 address of {nat64}" : null;
        if (b[0] == 0x20 && b[1] == 0x02)
            return RefuseV4(b[2..6]) is { } sixToFour ? $"a 6to4 address of {sixToFour}" : null;
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            return "a Teredo address (2001::/32)";
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            return "a documentation address (2001:db8::/32)";
        if (b[0] == 0x01 && b[1] == 0x00 && b.Skip(2).Take(6).All(x => x == 0))
            return "a discard-only address (100::/64)";
        return null;
    }
}
