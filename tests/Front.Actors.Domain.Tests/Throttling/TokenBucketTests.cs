using Front.Actors.Domain.Throttling;

namespace Front.Actors.Domain.Tests.Throttling;

public class TokenBucketTests
{
    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_full_bucket_gives_one_seconds_burst_and_then_makes_the_next_wait()
    {
        var bucket = new TokenBucket(10, At(0));

        var granted = Enumerable.Range(0, 10).Count(i => bucket.TryTake(At(0), out _));

        Assert.Equal(10, granted);
        Assert.False(bucket.TryTake(At(0), out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);
    }

    [Fact]
    public void Over_any_stretch_of_time_no_more_than_the_rate_plus_the_burst_is_granted()
    {
        var bucket = new TokenBucket(50, At(0));
        var granted = 0;
        for (var ms = 0; ms <= 10_000; ms++)
            while (bucket.TryTake(TimeSpan.FromMilliseconds(ms), out _))
                granted++;

        // 10 s at 50/s plus the initial burst of 50.
        Assert.InRange(granted, 550, 551);
    }

    [Fact]
    public void A_rate_change_applies_from_then_on()
    {
        var bucket = new TokenBucket(100, At(0));
        while (bucket.TryTake(At(0), out _)) { }

        bucket.SetRate(1, At(0));

        Assert.False(bucket.TryTake(At(0), out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(bucket.TryTake(At(1), out _));
    }

    [Fact]
    public void A_wait_too_short_to_express_is_still_a_wait_not_a_grant()
    {
        var bucket = new TokenBucket(1_000_000, At(0));
        while (bucket.TryTake(At(0), out _)) { }

        // A hair short of a full token: the wait rounds below one tick, and must not be taken as a grant.
        Assert.False(bucket.TryTake(TimeSpan.FromTicks(9), out var wait));
        Assert.True(wait > TimeSpan.Zero);
    }
}
