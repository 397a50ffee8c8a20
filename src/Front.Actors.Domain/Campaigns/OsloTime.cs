namespace Front.Actors.Domain.Campaigns;

/// <summary>
/// Norwegian wall-clock time (Europe/Oslo, CET/CEST). A local time that does not exist (the hour skipped in March) is
/// moved forward by the gap; a local time that happens twice (the hour repeated in October) is taken the first time.
/// </summary>
public static class OsloTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant of an Oslo wall-clock time.</summary>
    public static DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Spring forward: 02:30 does not exist; the clocks read 03:30 at that instant.
            var before = Zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToOffset(Zone.GetUtcOffset(local.AddHours(3)));
        }
        if (Zone.IsAmbiguousTime(local))
        {
            // Fall back: the earlier of the two instants is the larger offset (summer time).
            var offset = Zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
