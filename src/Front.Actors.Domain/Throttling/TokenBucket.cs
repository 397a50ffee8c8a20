namespace Front.Actors.Domain.Throttling;

/// <summary>
/// A rate with a burst: tokens refill at <see cref="RatePerSecond"/> up to one second's worth; a message
/// takes one. Time is passed in, so the rule is tested without a clock. Not thread-safe: one owner.
/// </summary>
public sealed class TokenBucket
{
    private double _tokens;
    private TimeSpan _last;

    public TokenBucket(double ratePerSecond, TimeSpan now)
    {
        RatePerSecond = ratePerSecond;
        _tokens = Capacity;
        _last = now;
    }

    public double RatePerSecond { get; private set; }

    public double Capacity => Math.Max(1, RatePerSecond);

    /// <summary>Changes the rate from now on; tokens already earned are kept up to the new capacity.</summary>
    public void SetRate(double ratePerSecond, TimeSpan now)
    {
        Refill(now);
        RatePerSecond = ratePerSecond;
        _tokens = Math.Min(_tokens, Capacity);
    }

    /// <summary>
    /// Takes a token, or says how long until one is there (taking nothing). The wait is at least one tick:
    /// a wait that rounds to zero must not read as a grant.
    /// </summary>
    public bool TryTake(TimeSpan now, out TimeSpan wait)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            wait = TimeSpan.Zero;
            return true;
        }
        wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / RatePerSecond * TimeSpan.TicksPerSecond)));
        return false;
    }

    private void Refill(TimeSpan now)
    {
        if (now > _last)
            _tokens = Math.Min(Capacity, _tokens + (now - _last).TotalSeconds * RatePerSecond);
        _last = now;
    }
}
