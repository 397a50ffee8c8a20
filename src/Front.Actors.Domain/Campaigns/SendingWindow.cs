namespace Front.Actors.Domain.Campaigns;

/// <summary>
/// When a campaign may send, in Oslo wall-clock time: from <see cref="Opens"/> to <see cref="Closes"/> (exclusive) on
/// <see cref="Days"/>. A window whose closing time is not after its opening time crosses midnight (20:00–02:00): it
/// belongs to the day it opens, so with days=[sat] it is open from Saturday 20:00 to Sunday 02:00. Outside it the campaign
/// waits and goes on at <see cref="NextOpening"/>. Each day's opening and closing are taken as local times and converted
/// to instants one by one, so a daylight-saving change never shifts the window by an hour (the night of a change is an
/// hour shorter or longer).
/// </summary>
public sealed record SendingWindow(TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DayOfWeek> Days)
{
    public static readonly IReadOnlySet<DayOfWeek> Weekdays =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    public static readonly IReadOnlySet<DayOfWeek> EveryDay = Enum.GetValues<DayOfWeek>().ToHashSet();

    /// <summary>It closes on the day after it opens.</summary>
    public bool CrossesMidnight => Closes <= Opens;

    /// <summary>The window that opens on <paramref name="date"/> (whether or not the date is one of its days), as instants.</summary>
    private (DateTimeOffset Opens, DateTimeOffset Closes) On(DateOnly date) =>
        (OsloTime.ToInstant(date.ToDateTime(Opens)), OsloTime.ToInstant((CrossesMidnight ? date.AddDays(1) : date).ToDateTime(Closes)));

    /// <summary>The window open at <paramref name="instant"/>: the one opened today or, across midnight, yesterday.</summary>
    private (DateTimeOffset Opens, DateTimeOffset Closes)? OpenAt(DateTimeOffset instant)
    {
        var today = DateOnly.FromDateTime(OsloTime.ToLocal(instant));
        foreach (var date in (ReadOnlySpan<DateOnly>)[today.AddDays(-1), today])
        {
            if (!Days.Contains(date.DayOfWeek))
                continue;
            var window = On(date);
            if (window.Opens <= instant && instant < window.Closes)
                return window;
        }
        return null;
    }

    /// <summary>Whether the campaign may send at this instant.</summary>
    public bool IsOpen(DateTimeOffset instant) => OpenAt(instant) is not null;

    /// <summary>The instant it may send: <paramref name="instant"/> itself when open, else the next opening.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant))
            return instant;
        var today = DateOnly.FromDateTime(OsloTime.ToLocal(instant));
        for (var day = 0; day <= 7; day++)
        {
            var date = today.AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
                continue;
            var opening = On(date).Opens;
            if (opening > instant)
                return opening;
        }
        throw new InvalidOperationException("a window with at least one day opens within a week");
    }

    /// <summary>When the window open at <paramref name="instant"/> closes (the instant itself when it is closed).</summary>
    public DateTimeOffset ClosesAfter(DateTimeOffset instant) => OpenAt(instant)?.Closes ?? instant;

    /// <summary>Reads a window as the API takes it: <c>from</c>/<c>to</c> as HH:mm, <c>days</c> as names or "weekdays"/"every day".</summary>
    public static bool TryCreate(string? from, string? to, IReadOnlyList<string>? days, out SendingWindow? window, out IReadOnlyList<(string Field, string Reason)> problems)
    {
        var found = new List<(string, string)>();
        window = null;
        if (!TimeOnly.TryParseExact(from ?? "", "HH:mm", out var opens))
            found.Add(("window.from", "must be a time as HH:mm (Europe/Oslo)"));
        if (!TimeOnly.TryParseExact(to ?? "", "HH:mm", out var closes))
            found.Add(("window.to", "must be a time as HH:mm (Europe/Oslo)"));
        else if (found.Count == 0 && closes == opens)
            found.Add(("window.to", "must differ from window.from: an empty window never opens (a window from 20:00 to 02:00 crosses midnight and belongs to the day it opens)"));
        var set = new HashSet<DayOfWeek>();
        foreach (var day in days ?? ["weekdays"])
        {
            switch (day.Trim().ToLowerInvariant())
            {
                case "weekdays" or "hverdager": set.UnionWith(Weekdays); break;
                case "everyday" or "every day" or "all" or "alle": set.UnionWith(EveryDay); break;
                case var name when DayNames.TryGetValue(name, out var d): set.Add(d); break;
                default: found.Add(("window.days", $"'{day}' is not a day (mon…sun, weekdays, every day)")); break;
            }
        }
        if (set.Count == 0 && found.All(f => f.Item1 != "window.days"))
            found.Add(("window.days", "at least one day"));
        problems = found;
        if (found.Count > 0)
            return false;
        window = new SendingWindow(opens, closes, set);
        return true;
    }

    private static readonly Dictionary<string, DayOfWeek> DayNames = new()
    {
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["man"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["tir"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["ons"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["tor"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["fre"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["lør"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["søn"] = DayOfWeek.Sunday,
    };
}
