using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator.Tests;

public class DeliveryQueueTests
{
    private static DeliverSm Pdu(string text) => new() { SourceAddr = text };

    private static List<string> TakeDue(DeliveryQueue queue, int atMs)
    {
        var taken = new List<string>();
        while (queue.TryTakeDue(TimeSpan.FromMilliseconds(atMs), out var due))
            taken.Add(due.Pdu.SourceAddr);
        return taken;
    }

    [Fact]
    public void Nothing_is_taken_before_it_is_due_and_everything_due_is_taken_in_order()
    {
        var queue = new DeliveryQueue();
        queue.Add(Pdu("a"), TimeSpan.FromMilliseconds(100));
        queue.Add(Pdu("b"), TimeSpan.FromMilliseconds(110));
        queue.Add(Pdu("c"), TimeSpan.FromMilliseconds(200));

        Assert.Empty(TakeDue(queue, 99));
        Assert.Equal(["a", "b"], TakeDue(queue, 150));
        Assert.Equal(["c"], TakeDue(queue, 200));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Retries_and_new_deliveries_are_merged_by_due_time()
    {
        var queue = new DeliveryQueue();
        queue.Add(Pdu("new 1"), TimeSpan.FromMilliseconds(100));
        queue.Add(Pdu("new 2"), TimeSpan.FromMilliseconds(300));
        queue.AddRetry(Pdu("retry"), TimeSpan.FromMilliseconds(200));

        Assert.Equal(["new 1", "retry", "new 2"], TakeDue(queue, 1_000));
    }

    [Fact]
    public void A_due_time_earlier_than_the_tail_waits_for_the_tail()
    {
        var queue = new DeliveryQueue();
        queue.Add(Pdu("slow"), TimeSpan.FromMilliseconds(500));
        queue.Add(Pdu("fast"), TimeSpan.FromMilliseconds(100));

        Assert.Empty(TakeDue(queue, 499));
        Assert.Equal(["slow", "fast"], TakeDue(queue, 500));
    }

    [Fact]
    public void Take_all_empties_the_queue_and_keeps_due_times()
    {
        var queue = new DeliveryQueue();
        queue.Add(Pdu("a"), TimeSpan.FromMilliseconds(100));
        queue.AddRetry(Pdu("b"), TimeSpan.FromMilliseconds(50));

        var all = queue.TakeAll();

        Assert.Equal([("b", 50.0), ("a", 100.0)], all.Select(d => (d.Pdu.SourceAddr, d.Due.TotalMilliseconds)));
        Assert.Equal(0, queue.Count);
    }
}
