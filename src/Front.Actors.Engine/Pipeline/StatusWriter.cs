using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// The one path for every status change: stores entries in batches (one transaction per batch, in the order
/// posted), then pushes the steps it stored to live clients, so a client never sees a status the API cannot
/// return. A failed write is retried with back-off for as long as it takes: nothing is dropped. The queue is
/// bounded, so a database outage slows the pipeline down (posting waits) instead of filling memory; the API
/// refuses new sends while writes fail (<see cref="IsFailing"/>) or the queue is full (<see cref="IsFull"/>).
/// </summary>
public sealed class StatusWriter
{
    public const int Capacity = 20_000;
    private const int MaxBatch = 1_000;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(2);

    private readonly Channel<Posted> _pending = Channel.CreateBounded<Posted>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });
    // Stored steps wait here for their push, in order, so the next batch is written while this one is pushed.
    private readonly Channel<IReadOnlyList<StatusChange>> _toPush = Channel.CreateBounded<IReadOnlyList<StatusChange>>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly StatusStore _store;
    private readonly IStatusNotifier _notifier;
    private ILoggingAdapter? _log;
    private volatile bool _failing;

    public StatusWriter(StatusStore store, IStatusNotifier notifier)
    {
        _store = store;
        _notifier = notifier;
    }

    /// <summary>Entries waiting to be stored.</summary>
    public int Backlog => _pending.Reader.Count;

    /// <summary>True from a failed write until the next one succeeds (the database is not answering).</summary>
    public bool IsFailing => _failing;

    /// <summary>True while the queue is full, so whatever posts waits.</summary>
    public bool IsFull => Backlog >= Capacity;

    /// <summary>
    /// Queues an entry, waiting while the queue is full. <paramref name="whenStored"/> is called with true once it
    /// is stored (it is an ESME's settle, which answers the receipt behind it; nothing is ever given up, so never false).
    /// </summary>
    public ValueTask PostAsync(StatusEntry entry, Action<bool>? whenStored = null, CancellationToken ct = default) =>
        _pending.Writer.WriteAsync(new Posted(entry, whenStored), ct);

    public ValueTask PostAsync(StatusChange change, CancellationToken ct = default) => PostAsync(new StatusEntry.Step(change), null, ct);

    /// <summary>
    /// Pushes steps that were already stored in the same transaction as the thing they belong to (a message's first
    /// step with the message, a moderator's decision with the item), so they are stored once and pushed here, in turn
    /// with every other step. They skip the store's queue: each is the first step of its message since the last one
    /// pushed, and whatever the message does next is posted only after this returns, so it is pushed after it.
    /// </summary>
    public ValueTask PushStoredAsync(IReadOnlyList<StatusChange> stored, CancellationToken ct = default) =>
        stored.Count == 0 ? ValueTask.CompletedTask : _toPush.Writer.WriteAsync(stored, ct);

    public void Start(ActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(StatusWriter));
        ChannelSource.FromReader(_pending.Reader)
            .GroupedWithin(MaxBatch, MaxDelay)
            .SelectAsync(1, batch => WriteAsync(batch.ToList()))
            .RunWith(Sink.Ignore<Done>(), system.Materializer(namePrefix: "status-writer"));
        _ = Task.Run(PushAsync);
    }

    private async Task PushAsync()
    {
        await foreach (var stored in _toPush.Reader.ReadAllAsync())
        {
            try
            {
                await _notifier.NotifyAsync(stored);
            }
            catch (Exception e)
            {
                _log?.Warning(e, "Pushing {0} status changes failed", stored.Count);
            }
        }
    }

    /// <summary>Stops taking entries; those already queued are still written.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    private async Task<Done> WriteAsync(List<Posted> batch)
    {
        var entries = batch.Select(p => p.Entry).ToList();
        IReadOnlyList<StatusChange> stored;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                stored = await _store.ApplyAsync(entries);
                if (_failing)
                    _log?.Info("Status writes work again after {0} attempts", attempt);
                _failing = false;
                break;
            }
            catch (Exception e)
            {
                _failing = true;
                var delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt - 1, 10)));
                _log?.Warning("Writing {0} status entries failed (attempt {1}, next in {2} ms): {3}", entries.Count, attempt, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay);
            }
        }
        foreach (var post in batch)
            post.WhenStored?.Invoke(true);
        if (stored.Count > 0)
            await _toPush.Writer.WriteAsync(stored);
        return Done.Instance;
    }

    private sealed record Posted(StatusEntry Entry, Action<bool>? WhenStored);
}
