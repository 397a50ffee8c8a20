using System.Text.RegularExpressions;
using Akka.Actor;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The bound sessions, and what is owed to a system_id while none of its receivers is bound (a real SMSC stores
/// receipts and retries). Used on binds, unbinds, mobile-originated injection and for receipts whose own link is a
/// transmitter; the submit path never comes here. Routing tells the chosen actor while holding the lock, so a
/// session that has unregistered can be sure nothing more is on its way to it.
/// </summary>
internal sealed class SessionRegistry
{
    private sealed record Session(IActorRef Actor, string SystemId, bool CanReceive, string AddressRange);

    private readonly Lock _lock = new();
    private readonly List<Session> _sessions = new();
    private readonly Dictionary<string, List<PendingDelivery>> _owed = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Completion)> _waiters = new();
    private int _roundRobin;

    public int BoundCount
    {
        get
        {
            lock (_lock)
                return _sessions.Count;
        }
    }

    /// <summary>Adds a bound session; a receiver gets back, in due order, what was stored for its system_id.</summary>
    public IReadOnlyList<PendingDelivery> Register(IActorRef actor, string systemId, bool canReceive, string addressRange)
    {
        lock (_lock)
        {
            _sessions.Add(new Session(actor, systemId, canReceive, addressRange));
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_sessions.Count < _waiters[i].Count)
                    continue;
                _waiters[i].Completion.TrySetResult();
                _waiters.RemoveAt(i);
            }
            if (!canReceive || !_owed.Remove(systemId, out var owed))
                return [];
            owed.Sort((a, b) => a.Due.CompareTo(b.Due));
            return owed;
        }
    }

    /// <summary>Removes a session; what it still owed goes to another receiver of its system_id, or is stored.</summary>
    public void Unregister(IActorRef actor, string systemId, IReadOnlyList<PendingDelivery> owed)
    {
        lock (_lock)
        {
            _sessions.RemoveAll(s => s.Actor.Equals(actor));
            RouteLocked(systemId, owed);
        }
    }

    /// <summary>Hands deliveries for <paramref name="systemId"/> to one of its bound receivers, or stores them until one binds.</summary>
    public void Route(string systemId, IReadOnlyList<PendingDelivery> deliveries)
    {
        lock (_lock)
            RouteLocked(systemId, deliveries);
    }

    /// <summary>
    /// Sends a mobile-originated message to the next receiver whose bind address_range covers the destination,
    /// or to the next receiver of any bind when none does. False when no receiver is bound.
    /// </summary>
    public bool TrySendMobileOriginated(string destination, IReadOnlyList<DeliverSm> parts, TimeSpan now)
    {
        lock (_lock)
        {
            var receivers = _sessions.Where(s => s.CanReceive).ToList();
            if (receivers.Count == 0)
                return false;
            var covering = receivers.Where(s => Covers(s.AddressRange, destination)).ToList();
            var target = Next(covering.Count > 0 ? covering : receivers);
            target.Actor.Tell(new SmscConnectionActor.Deliver(parts.Select(p => new PendingDelivery(p, now)).ToList()));
            return true;
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> sessions are bound at the same time.</summary>
    public Task WhenBound(int count)
    {
        lock (_lock)
        {
            if (_sessions.Count >= count)
                return Task.CompletedTask;
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, completion));
            return completion.Task;
        }
    }

    private void RouteLocked(string systemId, IReadOnlyList<PendingDelivery> deliveries)
    {
        if (deliveries.Count == 0)
            return;
        var receivers = _sessions.Where(s => s.CanReceive && s.SystemId == systemId).ToList();
        if (receivers.Count > 0)
        {
            Next(receivers).Actor.Tell(new SmscConnectionActor.Deliver(deliveries));
            return;
        }
        if (!_owed.TryGetValue(systemId, out var stored))
            _owed[systemId] = stored = new List<PendingDelivery>();
        stored.AddRange(deliveries);
    }

    private Session Next(List<Session> candidates) => candidates[(int)((uint)_roundRobin++ % (uint)candidates.Count)];

    // address_range is a regular expression in SMPP 3.4; one that does not parse is taken as a prefix.
    private static bool Covers(string addressRange, string address)
    {
        if (addressRange.Length == 0)
            return false;
        try
        {
            return Regex.IsMatch(address, addressRange, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        }
        catch (ArgumentException)
        {
            return address.StartsWith(addressRange, StringComparison.Ordinal);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
