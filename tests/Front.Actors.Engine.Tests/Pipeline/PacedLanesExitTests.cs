using System.Threading.Channels;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Engine.Tests.Pipeline;

/// <summary>
/// A lane's exit: the bind asks it as a message leaves for the operator, so messages that piled up after the lane (a slow
/// SMSC, a stalled store) leave at the lane's rate again. Rates of one a second keep the waits far above any scheduling delay.
/// </summary>
public class PacedLanesExitTests
{
    private static OutboundMessage Message(string id, string account)
    {
        Sender.TryParse("Front", out var sender, out _);
        MobileNumberParser.TryParse("+4791234567", out var to, out _);
        return new OutboundMessage(id, account, sender!, to!, MessageText.Analyze("Hei"), null);
    }

    private static (PacedLanes Lanes, ChannelReader<OutboundMessage> Released) Lanes(int? rate)
    {
        var released = Channel.CreateUnbounded<OutboundMessage>();
        var lanes = new PacedLanes("account", m => m.AccountId, rate, m => released.Writer.WriteAsync(m), (_, _) => ValueTask.CompletedTask);
        return (lanes, released.Reader);
    }

    /// <summary>Lanes at one message a second whose lane "acct" has let one message go (its exit not yet passed).</summary>
    private static async Task<PacedLanes> LaneThatLetOneGoAsync()
    {
        var (lanes, released) = Lanes(rate: 1);
        await lanes.EnqueueAsync(Message("m1", "acct"), CancellationToken.None);
        await released.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        return lanes;
    }

    [Fact]
    public async Task A_message_the_lane_let_go_passes_its_exit_and_the_next_one_at_once_must_wait_for_the_rate()
    {
        var lanes = await LaneThatLetOneGoAsync();

        var first = lanes.ExitWait("acct");
        var second = lanes.ExitWait("acct"); // as if a second message had piled up behind it after the lane

        Assert.Equal(TimeSpan.Zero, first);
        Assert.InRange(second, TimeSpan.FromMilliseconds(1), Front.Actors.Domain.Throttling.TokenBucket.Period);
        lanes.Complete();
    }

    [Fact]
    public async Task Keys_without_a_lane_or_without_a_rate_never_wait_at_the_exit_and_a_raised_rate_applies_there_too()
    {
        var lanes = await LaneThatLetOneGoAsync();
        Assert.Equal(TimeSpan.Zero, lanes.ExitWait("acct"));

        Assert.Equal(TimeSpan.Zero, lanes.ExitWait("another")); // never enqueued: no lane
        lanes.Answered("acct");
        Assert.True(lanes.ExitWait("acct") > TimeSpan.FromMilliseconds(100)); // at one a second
        lanes.SetRate("acct", 1_000); // a token is never more than about a millisecond away
        Assert.All(Enumerable.Range(0, 20), _ => Assert.InRange(lanes.ExitWait("acct"), TimeSpan.Zero, TimeSpan.FromMilliseconds(2)));
        lanes.SetRate("acct", null);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(TimeSpan.Zero, lanes.ExitWait("acct")));
        lanes.Complete();
    }

    [Fact]
    public async Task A_message_that_left_counts_until_a_second_after_the_operator_answered_it_so_an_unanswered_one_holds_the_next_back()
    {
        var lanes = await LaneThatLetOneGoAsync();
        Assert.Equal(TimeSpan.Zero, lanes.ExitWait("acct"));

        var unanswered = lanes.ExitWait("acct"); // no answer yet: the operator may read it any time, so look again soon
        lanes.Answered("acct");
        var answered = lanes.ExitWait("acct"); // it counts until a second after its answer

        Assert.InRange(unanswered, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        Assert.InRange(answered, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        lanes.Complete();
    }
}
