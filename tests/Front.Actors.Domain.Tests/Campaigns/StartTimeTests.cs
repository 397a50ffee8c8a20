using Front.Actors.Domain.Campaigns;

namespace Front.Actors.Domain.Tests.Campaigns;

public class StartTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_in_the_past_is_refused_and_now_or_later_is_not()
    {
        Assert.NotNull(StartTime.Refusal(Now.AddMinutes(-5), Now));
        Assert.Null(StartTime.Refusal(Now.AddSeconds(-10), Now));
        Assert.Null(StartTime.Refusal(Now.AddDays(2), Now));
        Assert.Null(StartTime.Refusal(null, Now));
        Assert.NotNull(StartTime.Refusal(Now.AddDays(400), Now));
    }

    [Fact]
    public void A_time_without_offset_is_oslo_time_with_daylight_saving()
    {
        Assert.True(StartTime.TryParse("2026-03-29T09:00", out var summer));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), summer);
        Assert.True(StartTime.TryParse("2026-03-28T09:00", out var winter));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), winter);
        Assert.True(StartTime.TryParse("2026-03-28T09:00:00Z", out var utc));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 9, 0, 0, TimeSpan.Zero), utc);
        Assert.False(StartTime.TryParse("tomorrow", out _));
    }
}
