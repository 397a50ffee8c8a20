using Front.Actors.Domain.Throttling;

namespace Front.Actors.Domain.Tests.Throttling;

public class TokenBucketTests
{
    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Asks as fast as a tenth of a millisecond allows for <paramref name="seconds"/>; answers the grant times.</summary>
    private static List<TimeSpan> Drain(TokenBucket bucket, double seconds)
    {
        var granted = new List<TimeSpan>();
        for (var tick = 0L; tick <= (long)(seconds * 10_000); tick++)
        {
            var now = TimeSpan.FromTicks(tick * 1_000);
            while (bucket.TryTake(now, out _))
                granted.Add(now);
        }
        return granted;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(10_000)]
    public void No_second_ever_holds_more_than_the_limit_and_a_long_stretch_gets_nearly_all_of_it(int limit)
    {
        var granted = Drain(new TokenBucket(limit, At(0)), 10);

        Assert.InRange(Seconds.MostInAny(granted), Math.Floor(0.96 * limit), limit); // a full bucket at the start included
        // Grants seen 9 ms closer together than they were made (network, scheduling) still fit the operator's second.
        Assert.InRange(Seconds.MostInAny(granted, TimeSpan.FromMilliseconds(1_009)), 1, limit);
        Assert.InRange(granted.Count, 0.96 * 10 * limit, 10 * limit);
    }

    [Fact]
    public void A_full_bucket_gives_a_burst_of_20_ms_worth_and_then_makes_the_next_wait()
    {
        var bucket = new TokenBucket(500, At(0));

        var granted = Enumerable.Range(0, 20).Count(_ => bucket.TryTake(At(0), out var _));

        Assert.Equal(10, granted);
        Assert.False(bucket.TryTake(At(0), out var wait));
        Assert.InRange(wait, TimeSpan.FromSeconds(1.01 / 491), TimeSpan.FromSeconds(1.01 / 491) + TimeSpan.FromTicks(1));
    }

    [Fact]
    public void A_rate_change_applies_from_then_on_and_keeps_to_the_new_limit()
    {
        var bucket = new TokenBucket(100, At(0));
        while (bucket.TryTake(At(0), out _)) { }

        bucket.SetRate(1, At(0));

        Assert.False(bucket.TryTake(At(0), out var wait));
        Assert.Equal(TokenBucket.Period, wait);
        Assert.True(bucket.TryTake(At(1.01), out _));
        Assert.False(bucket.TryTake(At(1.5), out _));
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

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(49, 1, 49)]
    [InlineData(500, 10, 491)]
    [InlineData(10_000, 200, 9_801)]
    public void The_shape_is_a_burst_of_20_ms_worth_and_a_refill_that_leaves_room_for_it(int limit, int burst, int refill) =>
        Assert.Equal((burst, refill), TokenBucket.ShapeOf(limit));
}
