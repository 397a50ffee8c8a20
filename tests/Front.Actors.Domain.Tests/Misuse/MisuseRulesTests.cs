using Front.Actors.Domain.Misuse;

namespace Front.Actors.Domain.Tests.Misuse;

public class MisuseRulesTests
{
    private static readonly HashSet<string> Approved = ["example.no"];

    private static HoldDecision? Evaluate(string text = "Hei", int recipients = 1, long monthToDate = 0, AccountLimits? limits = null, bool suspended = false) =>
        MisuseRules.Evaluate(text, recipients, 1, monthToDate, limits ?? AccountLimits.Default, Approved, suspended);

    [Fact]
    public void An_ordinary_send_goes() => Assert.Null(Evaluate());

    [Fact]
    public void A_link_to_an_approved_domain_or_its_subdomain_goes()
    {
        Assert.Null(Evaluate("Se https://example.no/x"));
        Assert.Null(Evaluate("Se kampanje.example.no"));
    }

    [Fact]
    public void A_link_to_another_domain_is_held_naming_it()
    {
        var hold = Evaluate("Se https://example.no og svindel.com/x")!;

        Assert.Equal(HoldRule.UnapprovedLink, hold.Rule);
        Assert.Equal(["svindel.com"], hold.Domains);
        Assert.Contains("svindel.com", hold.Details);
    }

    [Fact]
    public void A_lookalike_domain_is_not_covered_by_an_approved_one()
    {
        Assert.Equal(HoldRule.UnapprovedLink, Evaluate("Se notexample.no")!.Rule);
    }

    [Fact]
    public void A_send_above_the_bulk_threshold_is_held_whole()
    {
        var limits = AccountLimits.Default with { BulkThreshold = 10 };

        Assert.Null(Evaluate(recipients: 10, limits: limits));
        Assert.Equal(HoldRule.BulkSend, Evaluate(recipients: 11, limits: limits)!.Rule);
    }

    [Fact]
    public void The_monthly_limit_lets_exactly_its_segments_through()
    {
        var limits = AccountLimits.Default with { MonthlySegments = 3 };

        Assert.Null(Evaluate(monthToDate: 2, limits: limits));
        Assert.Equal(HoldRule.MonthlyLimit, Evaluate(monthToDate: 3, limits: limits)!.Rule);
    }

    [Fact]
    public void A_batch_crossing_the_monthly_limit_lets_exactly_the_remaining_segments_through_and_holds_the_rest()
    {
        var limits = AccountLimits.Default with { MonthlySegments = 100 };

        // 97 used, 10 recipients of one segment: 3 go, 7 wait.
        var hold = MisuseRules.Evaluate("Hei", 10, 1, 97, limits, Approved, suspended: false)!;

        Assert.Equal((HoldRule.MonthlyLimit, 3), (hold.Rule, hold.Admitted));
        Assert.Contains("3 of 10 messages", hold.Details);
    }

    [Fact]
    public void A_batch_of_long_messages_crossing_the_limit_lets_through_only_whole_messages_that_fit()
    {
        var limits = AccountLimits.Default with { MonthlySegments = 100 };

        // 3 segments each, 8 left: 2 messages (6 segments) go; a third would pass the limit.
        Assert.Equal(2, MisuseRules.Evaluate("Hei", 10, 3, 92, limits, Approved, suspended: false)!.Admitted);
        Assert.Equal(0, MisuseRules.Evaluate("Hei", 10, 3, 98, limits, Approved, suspended: false)!.Admitted);
        Assert.Equal(0, MisuseRules.Evaluate("Hei", 10, 1, 150, limits, Approved, suspended: false)!.Admitted);
    }

    [Fact]
    public void A_batch_crossing_the_limit_that_other_rules_would_hold_is_held_whole()
    {
        var limits = AccountLimits.Default with { MonthlySegments = 100, BulkThreshold = 5 };

        Assert.Equal(0, MisuseRules.Evaluate("Hei", 10, 1, 97, limits, Approved, suspended: false)!.Admitted);
        Assert.Equal(0, MisuseRules.Evaluate("Se svindel.com", 4, 1, 97, limits, Approved, suspended: false)!.Admitted);
    }

    [Fact]
    public void Links_to_ip_addresses_and_internationalized_names_are_held_and_said_so()
    {
        Assert.Contains("IP address", Evaluate("Logg inn: http://185.1.2.3/x")!.Details);
        Assert.Contains("blåbær.no", Evaluate("Se blåbær.no/x")!.Details);
        Assert.Equal(HoldRule.UnapprovedLink, Evaluate("Se evil.ca")!.Rule);
    }

    [Fact]
    public void A_suspended_account_has_everything_held()
    {
        Assert.Equal(HoldRule.Suspended, Evaluate(suspended: true)!.Rule);
    }

    [Theory]
    [InlineData(0, 1000, 10, "messagesPerSecond")]
    [InlineData(10, -1, 10, "monthlySegments")]
    [InlineData(10, 1000, 0, "bulkThreshold")]
    public void Absurd_limits_are_refused_naming_the_field(int rate, long monthly, int bulk, string field)
    {
        Assert.Equal(field, new AccountLimits(rate, monthly, bulk).Validate()!.Value.Field);
    }

    [Theory]
    [InlineData("Example.NO", "example.no")]
    [InlineData("www.butikk.no", "butikk.no")]
    [InlineData("blåbær.no", "xn--blbr-roah.no")]
    public void Domains_are_normalised(string input, string expected)
    {
        Assert.True(DomainName.TryNormalize(input, out var domain, out var reason), reason);
        Assert.Equal(expected, domain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("exa mple.no")]
    [InlineData("-bad.no")]
    [InlineData("example.123")]
    public void Malformed_domains_are_refused(string input)
    {
        Assert.False(DomainName.TryNormalize(input, out _, out _));
    }
}
