using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Front.Actors.Domain.Throttling;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// One lane per key (an account, a sender), each paced by its own messages-per-second rate (never more in any
/// one second, see <see cref="TokenBucket"/>), so one key's backlog waits in its own lane instead of delaying everyone else. Messages in a
/// lane are already stored; after a restart they are resumed from the database. Rates change at run time
/// and apply to what is already waiting. A key without a rate passes unpaced.
/// A lane paces what it lets go, but stages after it can hold messages (the router, a bind's queue while its SMSC
/// is slow or the status store stalls) and then let a backlog go at the bind's speed. So each lane also has an exit:
/// a second bucket at the same rate that the bind asks (<see cref="ExitWait"/>) as a message's first part leaves,
/// which spreads such a backlog out again; in steady flow it always says go. The exit also counts each message until a
/// second after the operator answered it (<see cref="OperatorSecondLimit"/>, told by <see cref="Answered"/>), so the
/// rate holds on the operator's clock too, however the network or its reader bunches what we sent evenly.
/// </summary>
internal sealed class PacedLanes(
    string name, Func<OutboundMessage, string> keyOf, int? defaultRate, Func<OutboundMessage, ValueTask> next, Func<OutboundMessage, string, ValueTask> onWaiting)
{
    private static readonly long Started = Stopwatch.GetTimestamp();
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(5); // when every counted message is still unanswered
    private readonly ConcurrentDictionary<string, Lane> _lanes = new();
    private readonly ConcurrentDictionary<string, int?> _rates = new();
    private readonly string _name = name;
    private readonly Func<OutboundMessage, string, ValueTask> _onWaiting = onWaiting;
    private readonly Func<OutboundMessage, ValueTask> _next = next;

    private static TimeSpan Now => Stopwatch.GetElapsedTime(Started);

    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct) => EnqueueAsync([message], ct);

    /// <summary>
    /// Queues messages in their order. Messages of one key go into its lane as one item, so a request of many
    /// recipients takes the lane's queue once instead of once per message (concurrent requests contended there).
    /// </summary>
    public async ValueTask EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct)
    {
        foreach (var group in messages.GroupBy(keyOf))
        {
            // Unpaced keys skip the lanes, unless a lane exists (the rate was lifted): what waits there goes first.
            if (RateOf(group.Key) is null && !_lanes.ContainsKey(group.Key))
            {
                foreach (var message in group)
                    await _next(message);
                continue;
            }
            await _lanes.GetOrAdd(group.Key, k => new Lane(this, k)).EnqueueAsync(group.ToArray(), ct);
        }
    }

    public void SetRate(string key, int? messagesPerSecond)
    {
        _rates[key] = messagesPerSecond;
        if (_lanes.TryGetValue(key, out var lane))
            lane.RateChanged(messagesPerSecond);
    }

    /// <summary>
    /// How long the key's message must wait before it leaves for the operator (zero: now, and its token is taken);
    /// ask again after waiting. Unpaced keys never wait.
    /// </summary>
    public TimeSpan ExitWait(string key) => _lanes.TryGetValue(key, out var lane) ? lane.ExitWait() : TimeSpan.Zero;

    /// <summary>The operator answered a message that passed the key's exit (whatever it answered).</summary>
    public void Answered(string key)
    {
        if (_lanes.TryGetValue(key, out var lane))
            lane.Answered();
    }

    /// <summary>Messages waiting in the key's lane.</summary>
    public int Waiting(string key) => _lanes.TryGetValue(key, out var lane) ? lane.Waiting : 0;

    /// <summary>Messages waiting in all lanes.</summary>
    public int Waiting() => _lanes.Values.Sum(l => l.Waiting);

    private int? RateOf(string key) => _rates.TryGetValue(key, out var rate) ? rate : defaultRate;

    public void Complete()
    {
        foreach (var lane in _lanes.Values)
            lane.Complete();
    }

    private sealed class Lane
    {
        private readonly Channel<OutboundMessage[]> _queue = Channel.CreateUnbounded<OutboundMessage[]>(new UnboundedChannelOptions { SingleReader = true });
        private readonly PacedLanes _owner;
        private readonly string _key;
        private readonly Lock _lock = new();
        private TokenBucket? _bucket; // null: unpaced, the lane drains at once
        private TokenBucket? _exit; // the same rate, at the bind: see ExitWait
        private OperatorSecondLimit? _operatorSecond; // and on the operator's clock: see Answered
        private int _waiting; // counted here: a single-reader channel cannot count

        public Lane(PacedLanes owner, string key)
        {
            _owner = owner;
            _key = key;
            _bucket = Reshaped(null, owner.RateOf(key));
            _exit = Reshaped(null, owner.RateOf(key));
            _operatorSecond = owner.RateOf(key) is { } rate ? new OperatorSecondLimit(Math.Max(1, rate)) : null;
            _ = Task.Run(PaceAsync);
        }

        public int Waiting => Volatile.Read(ref _waiting);

        public async ValueTask EnqueueAsync(OutboundMessage[] messages, CancellationToken ct)
        {
            var ahead = Interlocked.Add(ref _waiting, messages.Length) - messages.Length;
            await _queue.Writer.WriteAsync(messages, ct);
            // The customer sees that a message waits for its rate when the wait is noticeable (a second or more).
            double? rate;
            lock (_lock)
                rate = _bucket?.RatePerSecond;
            if (rate is not > 0)
                return;
            for (var i = 0; i < messages.Length; i++)
                if (ahead + i + 1 >= rate)
                    await _owner._onWaiting(messages[i], $"waiting for the {_owner._name} rate of {rate:0.#} msg/s, {ahead + i} ahead");
        }

        public void RateChanged(int? rate)
        {
            lock (_lock)
            {
                _bucket = Reshaped(_bucket, rate);
                _exit = Reshaped(_exit, rate);
                if (rate is null)
                    _operatorSecond = null;
                else if (_operatorSecond is null)
                    _operatorSecond = new OperatorSecondLimit(Math.Max(1, rate.Value));
                else
                    _operatorSecond.SetLimit(Math.Max(1, rate.Value));
            }
        }

        private static TokenBucket? Reshaped(TokenBucket? bucket, int? rate)
        {
            if (rate is null)
                return null;
            if (bucket is null)
                return new TokenBucket(rate.Value, Now);
            bucket.SetRate(rate.Value, Now);
            return bucket;
        }

        public TimeSpan ExitWait()
        {
            lock (_lock)
            {
                if (_exit is null || _operatorSecond is null)
                    return TimeSpan.Zero;
                var now = Now;
                // The operator's second first, so a bucket token is taken only by a message that then leaves.
                if (_operatorSecond.MayLeave(now, LookAgain, out var wait) && _exit.TryTake(now, out wait))
                {
                    _operatorSecond.Leave(now);
                    return TimeSpan.Zero;
                }
                return wait < MinimumWait ? MinimumWait : wait;
            }
        }

        public void Answered()
        {
            lock (_lock)
                _operatorSecond?.Answered(Now);
        }

        public void Complete() => _queue.Writer.TryComplete();

        private async Task PaceAsync()
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync())
            foreach (var message in batch)
            {
                Interlocked.Decrement(ref _waiting);
                while (true)
                {
                    bool granted;
                    TimeSpan wait;
                    lock (_lock)
                    {
                        wait = TimeSpan.Zero;
                        granted = _bucket is null || _bucket.TryTake(Now, out wait);
                    }
                    if (granted)
                        break;
                    // Pacing real traffic to the agreed rate; timers tick in milliseconds, so never wait less.
                    await Task.Delay(wait < MinimumWait ? MinimumWait : wait);
                }
                await _owner._next(message);
            }
        }

        public override string ToString() => $"{_owner._name} lane {_key}";
    }
}
