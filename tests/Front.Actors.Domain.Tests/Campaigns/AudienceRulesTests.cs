using Front.Actors.Domain.Campaigns;

namespace Front.Actors.Domain.Tests.Campaigns;

public class AudienceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static SkipReason? Classify(string number, bool duplicate = false, bool optedOut = false, DateTimeOffset? last = null, TimeSpan? window = null) =>
        AudienceRules.Classify(number, duplicate, optedOut, last, window, Now, out _);

    [Fact]
    public void Each_skip_reason_is_found()
    {
        Assert.Null(Classify("+4791234567"));
        Assert.Equal(SkipReason.InvalidNumber, Classify("22225555"));
        Assert.Equal(SkipReason.OptedOut, Classify("+4791234567", optedOut: true));
        Assert.Equal(SkipReason.Duplicate, Classify("+4791234567", duplicate: true));
        Assert.Equal(SkipReason.RecentlyContacted, Classify("+4791234567", last: Now.AddHours(-3), window: AudienceRules.DefaultFrequencyWindow));
        Assert.Null(Classify("+4791234567", last: Now.AddDays(-2), window: AudienceRules.DefaultFrequencyWindow));
        Assert.Null(Classify("+4791234567", last: Now.AddHours(-3), window: null));
    }

    [Fact]
    public void An_opt_out_is_counted_before_a_duplicate()
    {
        Assert.Equal(SkipReason.OptedOut, Classify("+4791234567", duplicate: true, optedOut: true));
    }
}
