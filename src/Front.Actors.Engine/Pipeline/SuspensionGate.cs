using System.Collections.Concurrent;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Keeps a suspended account's messages from reaching an operator: the pipeline asks it right before routing
/// and again right before a part is submitted, and a suspended account's messages are parked here instead (they
/// stay stored and "queued": they wait, they are not failed). Resuming hands the parked messages back, in order.
/// In memory, per node: which accounts are suspended is re-read from <c>account_suspensions</c> at start and
/// every <see cref="Moderation.AbuseOptions.SuspensionRefresh"/> (so a suspension made on another node reaches
/// this one); parked messages are stored ones, so after a restart they are resumed from the database and parked again.
/// </summary>
public sealed class SuspensionGate
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _suspended = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OutboundMessage>> _parked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _changedAt = new(StringComparer.Ordinal);
    private long _version;
    private int _parkedCount;

    /// <summary>Taken before reading the database for <see cref="Sync"/>: changes made here after it win over that read.</summary>
    public long Version => Interlocked.Read(ref _version);

    public bool IsSuspended(string accountId)
    {
        lock (_lock)
            return _suspended.Contains(accountId);
    }

    /// <summary>Messages parked on this node.</summary>
    public int Parked => Volatile.Read(ref _parkedCount);

    public void Suspend(string accountId)
    {
        lock (_lock)
        {
            _suspended.Add(accountId);
            _changedAt[accountId] = Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Lifts the suspension and hands back what was parked, in the order it came.</summary>
    public IReadOnlyList<OutboundMessage> Resume(string accountId)
    {
        lock (_lock)
        {
            _suspended.Remove(accountId);
            _changedAt[accountId] = Interlocked.Increment(ref _version);
            if (!_parked.Remove(accountId, out var parked))
                return [];
            _parkedCount -= parked.Count;
            return parked;
        }
    }

    /// <summary>Parks the message when its account is suspended (checked and parked at once, so a resumption cannot slip between).</summary>
    public bool TryPark(OutboundMessage message)
    {
        lock (_lock)
        {
            if (!_suspended.Contains(message.AccountId))
                return false;
            if (!_parked.TryGetValue(message.AccountId, out var parked))
                _parked[message.AccountId] = parked = [];
            parked.Add(message);
            _parkedCount++;
            return true;
        }
    }

    /// <summary>
    /// Makes this node's view match <paramref name="suspended"/>, read from the database after <see cref="Version"/>
    /// was <paramref name="readAt"/>; returns the messages of accounts resumed elsewhere, to be sent on.
    /// </summary>
    public IReadOnlyList<OutboundMessage> Sync(IReadOnlySet<string> suspended, long readAt)
    {
        var released = new List<OutboundMessage>();
        lock (_lock)
        {
            bool Stale(string account) => _changedAt.TryGetValue(account, out var at) && at > readAt;
            foreach (var account in _suspended.Where(a => !suspended.Contains(a) && !Stale(a)).ToList())
            {
                _suspended.Remove(account);
                if (_parked.Remove(account, out var parked))
                {
                    _parkedCount -= parked.Count;
                    released.AddRange(parked);
                }
            }
            _suspended.UnionWith(suspended.Where(a => !Stale(a)));
        }
        return released;
    }
}
