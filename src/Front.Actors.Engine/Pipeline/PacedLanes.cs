using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Front.Actors.Domain.Throttling;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// One lane per key (an account, a sender), each paced by its own messages-per-second rate with a burst of
/// one second, so one key's backlog waits in its own lane instead of delaying everyone else. Messages in a
/// lane are already stored; after a restart they are resumed from the database. Rates change at run time
/// and apply to what is already waiting. A key without a rate passes unpaced.
/// </summary>
internal sealed class PacedLanes(
    string name, Func<OutboundMessage, string> keyOf, int? defaultRate, Func<OutboundMessage, ValueTask> next, Func<OutboundMessage, string, ValueTask> onWaiting)
{
    private static readonly long Started = Stopwatch.GetTimestamp();
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);
    private readonly ConcurrentDictionary<string, Lane> _lanes = new();
    private readonly ConcurrentDictionary<string, int?> _rates = new();
    private readonly string _name = name;
    private readonly Func<OutboundMessage, string, ValueTask> _onWaiting = onWaiting;
    private readonly Func<OutboundMessage, ValueTask> _next = next;

    private static TimeSpan Now => Stopwatch.GetElapsedTime(Started);

    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct)
    {
        var key = keyOf(message);
        // Unpaced keys skip the lanes, unless a lane exists (the rate was lifted): what waits there goes first.
        if (RateOf(key) is null && !_lanes.ContainsKey(key))
            return _next(message);
        return _lanes.GetOrAdd(key, k => new Lane(this, k)).EnqueueAsync(message, ct);
    }

    public void SetRate(string key, int? messagesPerSecond)
    {
        _rates[key] = messagesPerSecond;
        if (_lanes.TryGetValue(key, out var lane))
            lane.RateChanged(messagesPerSecond);
    }

    /// <summary>Messages waiting in the key's lane.</summary>
    public int Waiting(string key) => _lanes.TryGetValue(key, out var lane) ? lane.Waiting : 0;

    private int? RateOf(string key) => _rates.TryGetValue(key, out var rate) ? rate : defaultRate;

    public void Complete()
    {
        foreach (var lane in _lanes.Values)
            lane.Complete();
    }

    private sealed class Lane
    {
        private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });
        private readonly PacedLanes _owner;
        private readonly string _key;
        private readonly Lock _lock = new();
        private TokenBucket? _bucket; // null: unpaced, the lane drains at once
        private int _waiting; // counted here: a single-reader channel cannot count

        public Lane(PacedLanes owner, string key)
        {
            _owner = owner;
            _key = key;
            _bucket = owner.RateOf(key) is { } rate ? new TokenBucket(rate, Now) : null;
            _ = Task.Run(PaceAsync);
        }

        public int Waiting => Volatile.Read(ref _waiting);

        public async ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct)
        {
            var ahead = Interlocked.Increment(ref _waiting);
            await _queue.Writer.WriteAsync(message, ct);
            // The customer sees that a message waits for its rate when the wait is noticeable (a second or more).
            double? rate;
            lock (_lock)
                rate = _bucket?.RatePerSecond;
            if (rate is > 0 && ahead >= rate)
                await _owner._onWaiting(message, $"waiting for the {_owner._name} rate of {rate:0.#} msg/s, {ahead - 1} ahead");
        }

        public void RateChanged(int? rate)
        {
            lock (_lock)
            {
                if (rate is null)
                    _bucket = null;
                else if (_bucket is null)
                    _bucket = new TokenBucket(rate.Value, Now);
                else
                    _bucket.SetRate(rate.Value, Now);
            }
        }

        public void Complete() => _queue.Writer.TryComplete();

        private async Task PaceAsync()
        {
            await foreach (var message in _queue.Reader.ReadAllAsync())
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
