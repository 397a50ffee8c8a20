using Front.Actors.Domain.Campaigns;

namespace Front.Actors.Domain.Tests.Campaigns;

// 2026: summer time starts Sunday 29 March (02:00 CET -> 03:00 CEST) and ends Sunday 25 October (03:00 CEST -> 02:00 CET).
public class SendingWindowTests
{
    private static readonly SendingWindow NineToEightDaily = new(new TimeOnly(9, 0), new TimeOnly(20, 0), SendingWindow.EveryDay);
    private static readonly SendingWindow NineToEightWeekdays = new(new TimeOnly(9, 0), new TimeOnly(20, 0), SendingWindow.Weekdays);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Next_opening_after_the_spring_change_is_nine_summer_time()
    {
        // Saturday 28 March 21:00 CET; the next morning is already summer time: 09:00 CEST = 07:00 UTC.
        Assert.Equal(Utc(3, 29, 7), NineToEightDaily.NextOpening(Utc(3, 28, 20)));
    }

    [Fact]
    public void Next_opening_after_the_autumn_change_is_nine_winter_time()
    {
        // Saturday 24 October 21:00 CEST; the next morning is winter time: 09:00 CET = 08:00 UTC.
        Assert.Equal(Utc(10, 25, 8), NineToEightDaily.NextOpening(Utc(10, 24, 19)));
    }

    [Fact]
    public void The_window_closes_at_eight_local_on_both_sides_of_each_change()
    {
        Assert.True(NineToEightDaily.IsOpen(Utc(3, 28, 18, 59)));   // 19:59 CET
        Assert.False(NineToEightDaily.IsOpen(Utc(3, 28, 19)));      // 20:00 CET
        Assert.True(NineToEightDaily.IsOpen(Utc(3, 29, 17, 59)));   // 19:59 CEST
        Assert.False(NineToEightDaily.IsOpen(Utc(3, 29, 18)));      // 20:00 CEST
        Assert.False(NineToEightDaily.IsOpen(Utc(10, 25, 7, 59)));  // 08:59 CET
        Assert.True(NineToEightDaily.IsOpen(Utc(10, 25, 8)));       // 09:00 CET
        Assert.Equal(Utc(10, 25, 19), NineToEightDaily.ClosesAfter(Utc(10, 25, 12)));
        Assert.Equal(Utc(3, 29, 18), NineToEightDaily.ClosesAfter(Utc(3, 29, 12)));
    }

    [Fact]
    public void An_opening_in_the_skipped_spring_hour_moves_forward_by_the_gap()
    {
        var night = new SendingWindow(new TimeOnly(2, 30), new TimeOnly(4, 0), SendingWindow.EveryDay);
        // 02:30 does not exist on 29 March; the clocks read 03:30 CEST at 01:30 UTC.
        Assert.Equal(Utc(3, 29, 1, 30), night.NextOpening(Utc(3, 28, 23)));
    }

    [Fact]
    public void An_opening_in_the_repeated_autumn_hour_is_its_first_occurrence()
    {
        var night = new SendingWindow(new TimeOnly(2, 30), new TimeOnly(4, 0), SendingWindow.EveryDay);
        // 02:30 happens twice on 25 October: first at 00:30 UTC (CEST), again at 01:30 UTC (CET).
        Assert.Equal(Utc(10, 25, 0, 30), night.NextOpening(Utc(10, 24, 22)));
    }

    [Fact]
    public void Weekdays_skip_the_weekend_across_the_spring_change()
    {
        // Friday 27 March 20:00 CET -> Monday 30 March 09:00 CEST.
        Assert.Equal(Utc(3, 30, 7), NineToEightWeekdays.NextOpening(Utc(3, 27, 19)));
        // Inside the window the campaign may go on now.
        Assert.Equal(Utc(3, 30, 8), NineToEightWeekdays.NextOpening(Utc(3, 30, 8)));
    }

    [Fact]
    public void A_window_is_read_from_the_api_fields_and_bad_fields_are_named()
    {
        Assert.True(SendingWindow.TryCreate("09:00", "20:00", ["weekdays"], out var window, out _));
        Assert.Equal(SendingWindow.Weekdays, window!.Days);
        Assert.False(SendingWindow.TryCreate("20:00", "09:00", ["noday"], out _, out var problems));
        Assert.Contains(problems, p => p.Field == "window.to");
        Assert.Contains(problems, p => p.Field == "window.days");
    }
}
