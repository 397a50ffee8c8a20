namespace Front.Actors.Domain.Inbound;

/// <summary>Doubling delays between retries, capped. No randomness here: callers add jitter where it matters.</summary>
public static class RetrySchedule
{
    public static TimeSpan DelayBefore(int attempt, TimeSpan first, TimeSpan max)
    {
        if (attempt < 1)
            return TimeSpan.Zero;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = first.TotalMilliseconds * factor;
        return delay >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(delay);
    }
}
