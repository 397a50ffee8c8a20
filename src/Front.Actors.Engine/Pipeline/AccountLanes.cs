using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Front.Actors.Domain.Misuse;
using Front.Actors.Domain.Throttling;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// One lane per account in front of the router, paced by the account's messages-per-second rate, so one
/// account's burst waits in its own lane instead of delaying everyone else's traffic. Messages in a lane
/// are already stored; after a restart they are resumed from the database. Rates change at run time.
/// </summary>
internal sealed class AccountLanes(ChannelWriter<OutboundMessage> router)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new();
    private readonly ConcurrentDictionary<string, int> _rates = new();

    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct) =>
        _lanes.GetOrAdd(message.AccountId, id => new Lane(this, id)).Writer.WriteAsync(message, ct);

    public void SetRate(string accountId, int messagesPerSecond)
    {
        _rates[accountId] = messagesPerSecond;
        if (_lanes.TryGetValue(accountId, out var lane))
            lane.RateChanged(messagesPerSecond);
    }

    private int RateOf(string accountId) => _rates.GetValueOrDefault(accountId, AccountLimits.Default.MessagesPerSecond);

    public void Complete()
    {
        foreach (var lane in _lanes.Values)
            lane.Writer.TryComplete();
    }

    private sealed class Lane
    {
        private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });
        private readonly AccountLanes _owner;
        private readonly TokenBucket _bucket;
        private readonly Lock _lock = new();
        private static readonly long Started = Stopwatch.GetTimestamp();
        private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

        public Lane(AccountLanes owner, string accountId)
        {
            _owner = owner;
            _bucket = new TokenBucket(owner.RateOf(accountId), Now);
            _ = Task.Run(PaceAsync);
        }

        public ChannelWriter<OutboundMessage> Writer => _queue.Writer;

        private static TimeSpan Now => Stopwatch.GetElapsedTime(Started);

        public void RateChanged(int rate)
        {
            lock (_lock)
                _bucket.SetRate(rate, Now);
        }

        private async Task PaceAsync()
        {
            await foreach (var message in _queue.Reader.ReadAllAsync())
            {
                while (true)
                {
                    bool granted;
                    TimeSpan wait;
                    lock (_lock)
                        granted = _bucket.TryTake(Now, out wait);
                    if (granted)
                        break;
                    // Pacing real traffic to the agreed rate; timers tick in milliseconds, so never wait less.
                    await Task.Delay(wait < MinimumWait ? MinimumWait : wait);
                }
                await _owner.ToRouterAsync(message);
            }
        }
    }

    private ValueTask ToRouterAsync(OutboundMessage message) => router.WriteAsync(message);
}
