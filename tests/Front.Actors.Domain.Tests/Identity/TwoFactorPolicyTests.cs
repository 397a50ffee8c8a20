using System.Net;
using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class TwoFactorPolicyTests
{
    private static IpRanges Ranges(params string[] written) => IpRanges.TryParse(written, out var ranges, out var reason) ? ranges : throw new ArgumentException(reason);

    [Fact]
    public void An_organization_that_does_not_require_it_never_asks() =>
        Assert.False(TwoFactorPolicy.Requires(false, IpRanges.Any, IPAddress.Parse("198.51.100.7")));

    [Fact]
    public void Without_trusted_ranges_every_address_is_asked() =>
        Assert.True(TwoFactorPolicy.Requires(true, IpRanges.Any, IPAddress.Parse("203.0.113.7")));

    [Fact]
    public void A_trusted_range_skips_the_code_and_other_or_unknown_addresses_do_not()
    {
        var office = Ranges("203.0.113.0/24");

        Assert.False(TwoFactorPolicy.Requires(true, office, IPAddress.Parse("203.0.113.7")));
        Assert.False(TwoFactorPolicy.Requires(true, office, IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.True(TwoFactorPolicy.Requires(true, office, IPAddress.Parse("198.51.100.7")));
        Assert.True(TwoFactorPolicy.Requires(true, office, null));
    }
}

public class CodeSendLimitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_limit_allows_a_window_full_then_says_when_the_oldest_leaves_it()
    {
        var sent = Enumerable.Range(0, CodeSendLimit.MaxPerWindow).Select(i => T0.AddMinutes(i)).ToList();

        Assert.Null(CodeSendLimit.NextAllowed(sent.Take(CodeSendLimit.MaxPerWindow - 1), T0.AddMinutes(5)));
        Assert.Equal(T0 + CodeSendLimit.Window, CodeSendLimit.NextAllowed(sent, T0.AddMinutes(5)));
        Assert.Null(CodeSendLimit.NextAllowed(sent, T0 + CodeSendLimit.Window));
    }
}
