using Front.Actors.Domain.Throttling;

namespace Front.Actors.Domain.Tests.Throttling;

public class OperatorSecondLimitTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(5);

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>
    /// A sender that sends whenever the limit lets it, for <paramref name="seconds"/>, to an operator that reads each submit
    /// when <paramref name="readAt"/> says (never before it was sent) and answers half a millisecond later. Time moves in
    /// tenths of a millisecond. Answers the operator's reading times.
    /// </summary>
    private static List<TimeSpan> Run(OperatorSecondLimit limit, double seconds, Func<TimeSpan, TimeSpan> readAt)
    {
        var reads = new List<TimeSpan>();
        var answers = new PriorityQueue<TimeSpan, TimeSpan>();
        for (var tick = 0L; tick <= (long)(seconds * 10_000); tick++)
        {
            var now = TimeSpan.FromTicks(tick * 1_000);
            while (answers.TryPeek(out _, out var due) && due <= now)
            {
                answers.Dequeue();
                limit.Answered(now);
            }
            while (limit.TryLeave(now, Retry, out _))
            {
                var read = readAt(now);
                Assert.True(read >= now);
                reads.Add(read);
                var answer = read + Ms(0.5);
                answers.Enqueue(answer, answer);
            }
        }
        reads.Sort();
        return reads;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(1_000)]
    public void An_operator_that_reads_at_once_never_counts_more_than_the_limit_in_a_second_and_gets_nearly_all_of_it(int perSecond)
    {
        var reads = Run(new OperatorSecondLimit(perSecond), 10, sent => sent + Ms(1));

        Assert.Equal(perSecond, Seconds.MostInAny(reads));
        // Each submit counts for a second and its 1.5 ms round trip: over ten seconds a little under ten times the limit.
        Assert.InRange(reads.Count, perSecond * 10 * 0.98, perSecond * 10);
    }

    [Fact]
    public void An_operator_whose_reader_stalls_and_then_reads_a_heap_at_once_still_never_counts_more_than_the_limit_in_a_second()
    {
        // Every 700 ms the reader stops for 120 ms; what came meanwhile is read at once when it wakes, as a bunch. A limit
        // on our own clock alone (a token bucket) lets the bunch and the next second's traffic fall in one of its seconds.
        TimeSpan ReadAt(TimeSpan sent)
        {
            var intoCycle = sent.TotalMilliseconds % 700;
            return intoCycle < 120 ? sent + Ms(120 - intoCycle) : sent + Ms(1);
        }

        var reads = Run(new OperatorSecondLimit(1_000), 10, ReadAt);

        Assert.InRange(Seconds.MostInAny(reads), 900, 1_000);
    }

    [Fact]
    public void When_every_counted_submit_is_unanswered_it_looks_again_soon_and_after_an_answer_it_waits_for_that_answer_to_be_a_second_old()
    {
        var limit = new OperatorSecondLimit(2);
        Assert.True(limit.TryLeave(Ms(0), Retry, out _));
        Assert.True(limit.TryLeave(Ms(1), Retry, out _));

        Assert.False(limit.TryLeave(Ms(2), Retry, out var unanswered));
        limit.Answered(Ms(300));
        Assert.False(limit.TryLeave(Ms(400), Retry, out var answered));
        Assert.True(limit.TryLeave(Ms(1_300), Retry, out _));

        Assert.Equal(Retry, unanswered);
        Assert.Equal(Ms(900), answered);
    }

    [Fact]
    public void A_submit_never_answered_stops_counting_after_two_minutes_so_a_lost_link_cannot_close_the_limit_for_ever()
    {
        var limit = new OperatorSecondLimit(1);
        Assert.True(limit.TryLeave(TimeSpan.Zero, Retry, out _));

        Assert.False(limit.TryLeave(OperatorSecondLimit.Forgotten - Ms(1), Retry, out _));
        Assert.True(limit.TryLeave(OperatorSecondLimit.Forgotten, Retry, out _));
    }

    [Fact]
    public void A_lower_limit_applies_to_what_is_counted_already()
    {
        var limit = new OperatorSecondLimit(3);
        Assert.True(limit.TryLeave(Ms(0), Retry, out _));
        Assert.True(limit.TryLeave(Ms(0), Retry, out _));

        limit.SetLimit(2);

        Assert.False(limit.TryLeave(Ms(0), Retry, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => limit.SetLimit(0));
    }
}
