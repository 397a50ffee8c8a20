using Front.Actors.Engine.Messages;
using static Front.Actors.Engine.Messages.MessageProgress;

namespace Front.Actors.Engine.Tests.Pipeline;

public class MessageProgressTests
{
    [Fact]
    public void Nothing_is_due_while_a_part_is_missing() =>
        Assert.Empty(StepsDue(MessageStatus.Queued, 3, [new PartState(1, null), new PartState(3, MessageStatus.Delivered)]));

    [Fact]
    public void Submitted_is_due_once_every_part_is_accepted() =>
        Assert.Equal([MessageStatus.Submitted], StepsDue(MessageStatus.Queued, 2, [new PartState(1, null), new PartState(2, null)]));

    [Fact]
    public void Submitted_and_the_outcome_are_due_together_when_the_receipts_came_first() =>
        Assert.Equal([MessageStatus.Submitted, MessageStatus.Delivered], StepsDue(MessageStatus.Queued, 1, [new PartState(1, MessageStatus.Delivered)]));

    [Fact]
    public void A_final_message_calls_for_nothing() =>
        Assert.Empty(StepsDue(MessageStatus.Delivered, 1, [new PartState(1, MessageStatus.Delivered)]));

    [Fact]
    public void A_part_that_failed_decides_the_outcome_even_if_a_copy_of_it_is_still_waiting() =>
        Assert.Equal([MessageStatus.Undeliverable], StepsDue(MessageStatus.Submitted, 2,
            [new PartState(1, MessageStatus.Delivered), new PartState(2, MessageStatus.Undeliverable), new PartState(2, null)]));
}
