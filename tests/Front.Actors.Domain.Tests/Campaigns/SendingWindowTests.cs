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
        Assert.False(SendingWindow.TryCreate("20:00", "20:00", ["noday"], out _, out var problems));
        Assert.Contains(problems, p => p.Field == "window.to" && p.Reason.Contains("must differ from window.from"));
        Assert.Contains(problems, p => p.Field == "window.days");
    }

    private static readonly SendingWindow SaturdayNight = new(new TimeOnly(22, 0), new TimeOnly(2, 0), new HashSet<DayOfWeek> { DayOfWeek.Saturday });
    private static readonly SendingWindow SundayNight = new(new TimeOnly(22, 0), new TimeOnly(2, 0), new HashSet<DayOfWeek> { DayOfWeek.Sunday });

    [Fact]
    public void A_window_across_midnight_belongs_to_the_day_it_opens()
    {
        // Saturday 14 March 2026 (CET, UTC+1): Sunday 01:00 is 00:00 UTC, inside Saturday's night, not Sunday's.
        Assert.True(SaturdayNight.IsOpen(Utc(3, 15, 0)));
        Assert.False(SundayNight.IsOpen(Utc(3, 15, 0)));
        Assert.True(SaturdayNight.IsOpen(Utc(3, 14, 21)));       // Saturday 22:00
        Assert.False(SaturdayNight.IsOpen(Utc(3, 14, 20, 59)));  // Saturday 21:59
        Assert.False(SaturdayNight.IsOpen(Utc(3, 15, 1)));       // Sunday 02:00: closed
        Assert.False(SaturdayNight.IsOpen(Utc(3, 14, 0)));       // Saturday 01:00 belongs to Friday's night, not a day of the window
        Assert.Equal(Utc(3, 15, 1), SaturdayNight.ClosesAfter(Utc(3, 15, 0)));
        Assert.Equal(Utc(3, 15, 1), SaturdayNight.ClosesAfter(Utc(3, 14, 22)));
        // Sunday's window opens Sunday 22:00; Saturday's next opens a week after the last.
        Assert.Equal(Utc(3, 15, 21), SundayNight.NextOpening(Utc(3, 15, 0)));
        Assert.Equal(Utc(3, 21, 21), SaturdayNight.NextOpening(Utc(3, 15, 1)));
        Assert.Equal(Utc(3, 15, 0), SaturdayNight.NextOpening(Utc(3, 15, 0))); // open: now
    }

    [Fact]
    public void A_window_across_midnight_is_read_from_the_api_fields()
    {
        Assert.True(SendingWindow.TryCreate("20:00", "02:00", ["sat"], out var window, out _));
        Assert.True(window!.CrossesMidnight);
        Assert.True(SendingWindow.TryCreate("18:00", "00:00", ["every day"], out var untilMidnight, out _));
        Assert.True(untilMidnight!.IsOpen(Utc(3, 14, 22, 59)));   // 23:59 CET
        Assert.False(untilMidnight.IsOpen(Utc(3, 14, 23)));       // 00:00 CET
    }

    [Fact]
    public void The_spring_night_across_midnight_is_an_hour_shorter()
    {
        // Saturday 28 March 22:00 CET (21:00 UTC) to Sunday 02:00, which does not exist: the clocks jump from 02:00 CET to
        // 03:00 CEST at 01:00 UTC, and that is when it closes: four hours of wall clock, three real hours.
        Assert.Equal(Utc(3, 28, 21), SaturdayNight.NextOpening(Utc(3, 28, 12)));
        Assert.True(SaturdayNight.IsOpen(Utc(3, 29, 0, 59)));
        Assert.False(SaturdayNight.IsOpen(Utc(3, 29, 1)));
        Assert.Equal(Utc(3, 29, 1), SaturdayNight.ClosesAfter(Utc(3, 28, 23)));
        var late = new SendingWindow(new TimeOnly(23, 0), new TimeOnly(3, 0), new HashSet<DayOfWeek> { DayOfWeek.Saturday });
        Assert.Equal(Utc(3, 29, 1), late.ClosesAfter(Utc(3, 28, 22, 30))); // 03:00 CEST
        Assert.Equal(TimeSpan.FromHours(3), late.ClosesAfter(Utc(3, 28, 22)) - late.NextOpening(Utc(3, 28, 12)));
    }

    [Fact]
    public void The_autumn_night_across_midnight_is_an_hour_longer()
    {
        // Saturday 24 October 23:00 CEST (21:00 UTC) to Sunday 03:00 CET (02:00 UTC): 02:00–03:00 happens twice, and the
        // window stays open through both.
        var late = new SendingWindow(new TimeOnly(23, 0), new TimeOnly(3, 0), new HashSet<DayOfWeek> { DayOfWeek.Saturday });
        Assert.Equal(Utc(10, 24, 21), late.NextOpening(Utc(10, 24, 12)));
        Assert.True(late.IsOpen(Utc(10, 25, 0, 30)));   // 02:30 CEST
        Assert.True(late.IsOpen(Utc(10, 25, 1, 30)));   // 02:30 CET, the second time
        Assert.False(late.IsOpen(Utc(10, 25, 2)));      // 03:00 CET
        Assert.Equal(Utc(10, 25, 2), late.ClosesAfter(Utc(10, 24, 22)));
        Assert.Equal(TimeSpan.FromHours(5), late.ClosesAfter(Utc(10, 24, 21)) - Utc(10, 24, 21));
        // A closing inside the repeated hour is its first occurrence: 02:00 CEST (00:00 UTC).
        Assert.Equal(Utc(10, 25, 0), SaturdayNight.ClosesAfter(Utc(10, 24, 21)));
        Assert.False(SaturdayNight.IsOpen(Utc(10, 25, 1, 30)));
    }
}
