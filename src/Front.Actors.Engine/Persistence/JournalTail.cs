using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// One live read of the journal per actor system, shared by every <see cref="JournalProjection"/> that follows it. Each
/// projection used to poll the journal on its own, so every event was read and deserialized once per read model; now it
/// is read once and handed to each follower whose persistence id prefix it has. The tail starts at the lowest offset of
/// the followers it has; one that joins later behind the tail is first caught up to the tail's position (inside the
/// tail's own turn, so it never sees an event twice or out of order) and then follows with the others.
/// The followers are applied one after another per batch; a database error restarts the tail (with back-off) from the
/// lowest offset any follower has reached.
/// </summary>
public sealed class JournalTail : IExtension
{
    private const int BatchSize = 2_000;
    // Normally the live paths have written everything already: few, larger batches keep the write turn free for them.
    private static readonly TimeSpan BatchWindow = TimeSpan.FromSeconds(1);

    private static readonly IEnumerable<EventEnvelope> NoEvents = [];

    private readonly ActorSystem _system;
    private readonly ILoggingAdapter _log;
    private readonly object _gate = new();
    private readonly List<Follower> _followers = [];
    private UniqueKillSwitch? _running;
    // The offset of the last event the tail handed out (every follower has reached it, or has its own later offset).
    private long _position;

    private long Position
    {
        get => Interlocked.Read(ref _position);
        set => Interlocked.Exchange(ref _position, value);
    }

    public JournalTail(ActorSystem system)
    {
        _system = system;
        _log = Logging.GetLogger(system, typeof(JournalTail));
    }

    public static JournalTail For(ActorSystem system) => system.WithExtension<JournalTail, JournalTailProvider>();

    /// <summary>
    /// Adds a follower that has applied everything up to <paramref name="offset"/>: from the next batch on it gets every
    /// later event whose persistence id starts with <paramref name="persistenceIdPrefix"/>, in journal order.
    /// </summary>
    public IDisposable Follow(string name, string persistenceIdPrefix, long offset, Func<IReadOnlyList<EventEnvelope>, long, Task> apply)
    {
        var follower = new Follower(name, persistenceIdPrefix, apply) { Offset = offset, CatchingUp = true };
        lock (_gate)
        {
            _followers.Add(follower);
            if (_running is null)
            {
                Position = offset;
                follower.CatchingUp = false;
                _running = Start();
            }
        }
        return new Leave(this, follower);
    }

    private UniqueKillSwitch Start()
    {
        var restart = RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);
        return RestartSource.OnFailuresWithBackoff(Tail, restart)
            .ViaMaterialized(KillSwitches.Single<Done>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Left)
            .Run(_system.Materializer(namePrefix: "journal-tail"));
    }

    private Source<Done, NotUsed> Tail()
    {
        long from;
        lock (_gate)
            // After a failure, from where the slowest follower stands (each skips what it has already applied).
            from = _followers.Count == 0 ? Position : Math.Min(Position, _followers.Min(f => f.Offset));
        return ReadJournal().AllEvents(Offset.Sequence(from))
            .GroupedWithin(BatchSize, BatchWindow)
            // An idle journal still gives a follower that joined behind the tail its turn to catch up.
            .KeepAlive(BatchWindow, () => NoEvents)
            .SelectAsync(1, batch => HandOutAsync(batch.ToList()));
    }

    private SqlReadJournal ReadJournal() => PersistenceQuery.Get(_system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    private async Task<Done> HandOutAsync(List<EventEnvelope> batch)
    {
        List<Follower> followers;
        lock (_gate)
            followers = [.. _followers];
        var handedOut = Position;
        foreach (var follower in followers.Where(f => f.CatchingUp))
            await CatchUpAsync(follower, handedOut);
        if (batch.Count == 0)
            return Done.Instance;
        foreach (var follower in followers)
            await follower.ApplyAsync(batch);
        Position = ((Sequence)batch[^1].Offset).Value;
        return Done.Instance;
    }

    /// <summary>Brings a follower that joined behind the tail up to the last event the tail handed out.</summary>
    private async Task CatchUpAsync(Follower follower, long upTo)
    {
        if (follower.Offset < upTo)
        {
            _log.Debug("Journal follower {0} joins at {1}, behind the tail at {2}: catching up", follower.Name, follower.Offset, upTo);
            await ReadJournal().CurrentAllEvents(Offset.Sequence(follower.Offset))
                .TakeWhile(e => ((Sequence)e.Offset).Value <= upTo)
                .Grouped(BatchSize)
                .SelectAsync(1, async events => { await follower.ApplyAsync(events.ToList()); return Done.Instance; })
                .RunWith(Sink.Ignore<Done>(), _system.Materializer());
        }
        follower.CatchingUp = false;
    }

    private void Remove(Follower follower)
    {
        lock (_gate)
        {
            _followers.Remove(follower);
            if (_followers.Count > 0)
                return;
            _running?.Shutdown();
            _running = null;
        }
    }

    private sealed class Follower(string name, string prefix, Func<IReadOnlyList<EventEnvelope>, long, Task> apply)
    {
        public string Name { get; } = name;
        public long Offset { get; set; }
        public bool CatchingUp { get; set; }

        /// <summary>Applies this follower's events of <paramref name="batch"/> it has not applied yet, and moves its offset past the batch.</summary>
        public async Task ApplyAsync(IReadOnlyList<EventEnvelope> batch)
        {
            var last = ((Sequence)batch[^1].Offset).Value;
            if (last <= Offset)
                return;
            var mine = batch.Where(e => ((Sequence)e.Offset).Value > Offset && e.PersistenceId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            // A batch with none of its events writes nothing: its stored offset stays behind, and a restart reads past them again.
            if (mine.Count > 0)
                await apply(mine, last);
            Offset = last;
        }
    }

    private sealed class Leave(JournalTail tail, Follower follower) : IDisposable
    {
        public void Dispose() => tail.Remove(follower);
    }
}

public sealed class JournalTailProvider : ExtensionIdProvider<JournalTail>
{
    public override JournalTail CreateExtension(ExtendedActorSystem system) => new(system);
}
