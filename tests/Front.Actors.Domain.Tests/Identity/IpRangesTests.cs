using System.Net;
using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class IpRangesTests
{
    private static IpRanges Parse(params string[] written)
    {
        Assert.True(IpRanges.TryParse(written, out var ranges, out var reason), reason);
        return ranges;
    }

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("203.0.113.255", true)]
    [InlineData("::ffff:203.0.113.7", true)]
    [InlineData("203.0.114.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("198.51.100.10", true)]
    [InlineData("198.51.100.11", false)]
    public void An_address_matches_its_ranges_mapped_ipv4_included(string address, bool inside) =>
        Assert.Equal(inside, Parse("203.0.113.0/24", "2001:db8::/32", "198.51.100.10").Contains(IPAddress.Parse(address)));

    [Fact]
    public void No_ranges_means_every_address() => Assert.True(Parse().Contains(IPAddress.Parse("192.0.2.1")));

    [Theory]
    [InlineData("203.0.113.0/33")]
    [InlineData("not-an-address")]
    [InlineData("203.0.113.7/24")]
    [InlineData("")]
    public void Malformed_ranges_are_refused_naming_their_place(string bad)
    {
        Assert.False(IpRanges.TryParse(["10.0.0.0/8", bad], out _, out var reason));
        Assert.StartsWith("[1]", reason);
    }

    [Fact]
    public void Ranges_are_written_back_normalized() =>
        Assert.Equal(["203.0.113.0/24", "192.0.2.1/32"], Parse("203.0.113.0/24", " 192.0.2.1 ").Written);
}
