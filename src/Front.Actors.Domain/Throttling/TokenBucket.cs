namespace Front.Actors.Domain.Throttling;

/// <summary>
/// A limit of <see cref="RatePerSecond"/> messages in any one second, as a token bucket: it holds a small burst (20 ms
/// worth, at least one) and refills the limit less that burst plus one every <see cref="Period"/> (a second and 10 ms), so
/// the burst and a period's refill together never grant more than the limit within any one second, with 10 ms to spare
/// for the jitter between the grant and the operator's clock (over a long stretch the rate is 96% of the limit or more).
/// Time is passed in, so the rule is tested without a clock. Not thread-safe: one owner.
/// </summary>
public sealed class TokenBucket
{
    private double _tokens;
    private TimeSpan _last;
    private double _refill;

    public TokenBucket(double ratePerSecond, TimeSpan now)
    {
        Shape(ratePerSecond);
        _tokens = Capacity;
        _last = now;
    }

    /// <summary>The limit: never more than this many grants within any one second.</summary>
    public double RatePerSecond { get; private set; }

    /// <summary>The burst: tokens the bucket holds at most.</summary>
    public double Capacity { get; private set; }

    /// <summary>Changes the limit from now on; tokens already earned are kept up to the new capacity.</summary>
    public void SetRate(double ratePerSecond, TimeSpan now)
    {
        Refill(now);
        Shape(ratePerSecond);
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
        wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((1 - _tokens) / _refill * TimeSpan.TicksPerSecond)));
        return false;
    }

    /// <summary>
    /// A window of one second opens with at most <c>burst</c> tokens and earns fewer than <c>refill</c> whole ones before
    /// it closes: <c>burst + refill - 1</c> grants at most, which is the limit.
    /// </summary>
    public static (int Burst, int Refill) ShapeOf(int perSecond)
    {
        var burst = Math.Max(1, perSecond / 50);
        return (burst, Math.Max(1, perSecond - burst + 1));
    }

    /// <summary>
    /// The time over which <see cref="ShapeOf"/>'s refill comes: a little over a second, so messages granted a hair apart
    /// and counted by the operator a hair closer (network, scheduling) still fit in its second.
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(1_010);

    private void Shape(double ratePerSecond)
    {
        RatePerSecond = ratePerSecond;
        var (burst, refill) = ShapeOf((int)Math.Max(1, Math.Floor(ratePerSecond)));
        Capacity = burst;
        _refill = refill / Period.TotalSeconds;
    }

    private void Refill(TimeSpan now)
    {
        if (now > _last)
            _tokens = Math.Min(Capacity, _tokens + (now - _last).TotalSeconds * _refill);
        _last = now;
    }
}
