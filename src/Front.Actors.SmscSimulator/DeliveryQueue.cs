using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The deliver_sm one link owes its ESME, due later: new receipts in one FIFO, redeliveries in another. Each FIFO
/// gets a fixed delay added to "now", so its due times only grow and a flush looks at two heads, not at every
/// message, and no timer is started per message. A due time earlier than the tail's (the receipt delay was
/// shortened while running) is moved up to the tail's, as an SMSC's store-and-forward queue would.
/// </summary>
internal sealed class DeliveryQueue
{
    private readonly Queue<PendingDelivery> _fresh = new();
    private readonly Queue<PendingDelivery> _retries = new();
    private TimeSpan _freshTail;
    private TimeSpan _retryTail;

    public int Count => _fresh.Count + _retries.Count;

    public void Add(DeliverSm pdu, TimeSpan due) => Push(_fresh, ref _freshTail, pdu, due);

    public void AddRetry(DeliverSm pdu, TimeSpan due) => Push(_retries, ref _retryTail, pdu, due);

    /// <summary>Takes the earliest-due deliver_sm if it is due by <paramref name="now"/>.</summary>
    public bool TryTakeDue(TimeSpan now, out PendingDelivery due)
    {
        var hasFresh = _fresh.TryPeek(out var fresh) && fresh.Due <= now;
        var hasRetry = _retries.TryPeek(out var retry) && retry.Due <= now;
        if (hasFresh && (!hasRetry || fresh.Due <= retry.Due))
        {
            due = _fresh.Dequeue();
            return true;
        }
        if (hasRetry)
        {
            due = _retries.Dequeue();
            return true;
        }
        due = default;
        return false;
    }

    /// <summary>Empties the queue, for handing what is owed to another link when this one ends.</summary>
    public List<PendingDelivery> TakeAll()
    {
        var all = new List<PendingDelivery>(Count);
        all.AddRange(_retries);
        all.AddRange(_fresh);
        _fresh.Clear();
        _retries.Clear();
        return all;
    }

    private static void Push(Queue<PendingDelivery> queue, ref TimeSpan tail, DeliverSm pdu, TimeSpan due)
    {
        if (queue.Count > 0 && due < tail)
            due = tail;
        tail = due;
        queue.Enqueue(new PendingDelivery(pdu, due));
    }
}
