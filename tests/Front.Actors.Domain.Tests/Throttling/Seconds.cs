namespace Front.Actors.Domain.Tests.Throttling;

internal static class Seconds
{
    /// <summary>The most of <paramref name="times"/> (in order) within any stretch shorter than <paramref name="window"/> (a second unless told).</summary>
    public static int MostInAny(IReadOnlyList<TimeSpan> times, TimeSpan? window = null)
    {
        var most = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= (window ?? TimeSpan.FromSeconds(1)))
                first++;
            most = Math.Max(most, last - first + 1);
        }
        return most;
    }
}
