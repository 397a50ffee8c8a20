namespace Front.Actors.Domain.Campaigns;

/// <summary>
/// When a campaign may send, in Oslo wall-clock time: from <see cref="Opens"/> to <see cref="Closes"/> (exclusive) on
/// <see cref="Days"/>. Outside it the campaign waits and goes on at <see cref="NextOpening"/>. Arithmetic is done on
/// local dates and converted per day, so a daylight-saving change never shifts the window by an hour.
/// </summary>
public sealed record SendingWindow(TimeOnly Opens, TimeOnly Closes, IReadOnlySet<DayOfWeek> Days)
{
    public static readonly IReadOnlySet<DayOfWeek> Weekdays =
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    public static readonly IReadOnlySet<DayOfWeek> EveryDay = Enum.GetValues<DayOfWeek>().ToHashSet();

    /// <summary>Whether the campaign may send at this instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = OsloTime.ToLocal(instant);
        var time = TimeOnly.FromDateTime(local);
        return Days.Contains(local.DayOfWeek) && time >= Opens && time < Closes;
    }

    /// <summary>The instant it may send: <paramref name="instant"/> itself when open, else the next opening.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant))
            return instant;
        var local = OsloTime.ToLocal(instant);
        for (var day = 0; day <= 7; day++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
                continue;
            var opening = OsloTime.ToInstant(date.ToDateTime(Opens));
            if (opening > instant)
                return opening;
        }
        throw new InvalidOperationException("a window with at least one day opens within a week");
    }

    /// <summary>When the window open at <paramref name="instant"/> closes (the instant itself when it is closed).</summary>
    public DateTimeOffset ClosesAfter(DateTimeOffset instant)
    {
        if (!IsOpen(instant))
            return instant;
        var date = DateOnly.FromDateTime(OsloTime.ToLocal(instant));
        return OsloTime.ToInstant(date.ToDateTime(Closes));
    }

    /// <summary>Reads a window as the API takes it: <c>from</c>/<c>to</c> as HH:mm, <c>days</c> as names or "weekdays"/"every day".</summary>
    public static bool TryCreate(string? from, string? to, IReadOnlyList<string>? days, out SendingWindow? window, out IReadOnlyList<(string Field, string Reason)> problems)
    {
        var found = new List<(string, string)>();
        window = null;
        if (!TimeOnly.TryParseExact(from ?? "", "HH:mm", out var opens))
            found.Add(("window.from", "must be a time as HH:mm (Europe/Oslo)"));
        if (!TimeOnly.TryParseExact(to ?? "", "HH:mm", out var closes))
            found.Add(("window.to", "must be a time as HH:mm (Europe/Oslo)"));
        else if (found.Count == 0 && closes <= opens)
            found.Add(("window.to", "must be after window.from (a window does not cross midnight)"));
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
