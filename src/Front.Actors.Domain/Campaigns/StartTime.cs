namespace Front.Actors.Domain.Campaigns;

/// <summary>
/// A campaign's start time: null starts at once; a time must not be in the past (a minute's grace for clocks and the
/// time it takes to fill in a form) nor more than a year ahead.
/// </summary>
public static class StartTime
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>Null when <paramref name="startAt"/> is acceptable at <paramref name="now"/>, else why not.</summary>
    public static string? Refusal(DateTimeOffset? startAt, DateTimeOffset now)
    {
        if (startAt is not { } at)
            return null;
        if (at < now - Grace)
            return $"{at:yyyy-MM-dd HH:mm} (Europe/Oslo {OsloTime.ToLocal(at):yyyy-MM-dd HH:mm}) is in the past";
        if (at > now + MaxAhead)
            return "at most a year ahead";
        return null;
    }

    /// <summary>Reads an ISO 8601 time; one without an offset is Oslo wall-clock time (daylight saving applied).</summary>
    public static bool TryParse(string? text, out DateTimeOffset? startAt)
    {
        startAt = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(trimmed, @"[+-]\d\d:?\d\d$");
        if (hasOffset && DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var withOffset))
        {
            startAt = withOffset;
            return true;
        }
        if (!hasOffset && DateTime.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            startAt = OsloTime.ToInstant(local);
            return true;
        }
        return false;
    }
}
