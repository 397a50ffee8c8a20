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
/// Writes status changes and part ids to the read model in batches (one transaction per batch, in the
/// order posted), and only then pushes the changes to live clients, so a client never sees a status the
/// API cannot return. A failed write is retried; posting never blocks.
/// </summary>
public sealed class StatusWriter
{
    private const int MaxBatch = 1_000;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(20);

    private readonly Channel<object> _pending = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MessageStore _store;
    private readonly IStatusNotifier _notifier;
    private ILoggingAdapter? _log;

    public StatusWriter(MessageStore store, IStatusNotifier notifier)
    {
        _store = store;
        _notifier = notifier;
    }

    /// <summary>Posts a change; <paramref name="whenStored"/> hears once it is stored (true) or could not be (false), e.g. to acknowledge the receipt behind it.</summary>
    public void Post(StatusChange change, Action<bool>? whenStored = null) => _pending.Writer.TryWrite(new Posted(change, whenStored));

    /// <summary>Stores the operator id of one part without a history step (the message's "submitted" step comes with its last part).</summary>
    public void PostPart(string messageId, PartMapping part) => _pending.Writer.TryWrite(new PartOnly(messageId, part));

    public void Start(ActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(StatusWriter));
        ChannelSource.FromReader(_pending.Reader)
            .GroupedWithin(MaxBatch, MaxDelay)
            .SelectAsync(1, batch => WriteAsync(batch.ToList()))
            .RunWith(Sink.Ignore<Done>(), system.Materializer(namePrefix: "status-writer"));
    }

    private async Task<Done> WriteAsync(List<object> batch)
    {
        var posted = batch.OfType<Posted>().ToList();
        var changes = posted.Select(p => p.Change).ToList();
        var parts = batch.OfType<PartOnly>().Select(p => (p.MessageId, p.Part)).ToList();
        var stored = false;
        for (var attempt = 1; !stored; attempt++)
        {
            try
            {
                await _store.ApplyAsync(changes, parts);
                stored = true;
            }
            catch (Exception e) when (attempt < 10)
            {
                _log?.Warning(e, "Writing {0} status changes failed (attempt {1}); retrying", changes.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
            }
            catch (Exception e)
            {
                // Given up: what can be redelivered (receipts) is refused so that the operator sends it again.
                _log?.Error(e, "Writing {0} status changes failed {1} times; dropping the batch", changes.Count, attempt);
                break;
            }
        }
        foreach (var post in posted)
            post.WhenStored?.Invoke(stored);
        if (!stored)
            return Done.Instance;
        try
        {
            await _notifier.NotifyAsync(changes);
        }
        catch (Exception e)
        {
            _log?.Warning(e, "Pushing {0} status changes failed", changes.Count);
        }
        return Done.Instance;
    }

    private sealed record PartOnly(string MessageId, PartMapping Part);

    private sealed record Posted(StatusChange Change, Action<bool>? WhenStored);
}
