using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using Front.Actors.Engine.Serialization;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// What every sharded, event-sourced entity shares, and nothing of any domain: its state rebuilt from a
/// snapshot and the events after it, events journaled before they are applied and before the reply, a
/// snapshot every <c>snapshotEvery</c> events, and passivation when idle. An entity adds its commands and
/// decisions. Journal events are never deleted (billable history), nor are old snapshots.
/// </summary>
/// <typeparam name="TState">The entity's state; snapshotted, so it goes through the engine's serializer.</typeparam>
/// <typeparam name="TEvent">The entity's event interface; journaled, so every event goes through the engine's serializer.</typeparam>
public abstract class PersistentEntity<TState, TEvent> : ReceivePersistentActor
    where TState : class, IPersisted
    where TEvent : class, IPersisted
{
    private readonly int _snapshotEvery;
    private long _snapshotAt;
    private int _appliedNotJournaled;

    /// <param name="persistenceId">Says what it is: <c>account-…</c>, <c>conversation-…</c>, <c>short-number-…</c>.</param>
    /// <param name="empty">The state before the first event.</param>
    /// <param name="snapshotEvery">A snapshot is saved each time the journal passes another multiple of this.</param>
    /// <param name="idleAfter">
    /// How long without a command before the entity asks its shard to passivate it; null when its shard passivates idle
    /// entities itself. A receive timeout is cancelled and scheduled again on every message, and the scheduler keeps each
    /// cancelled timer until its slot comes round (seconds): at 1,000 inbound messages a second that garbage outlived
    /// every gen-0 collection and made the pauses longer. The shard only notes a time per message.
    /// </param>
    protected PersistentEntity(string persistenceId, TState empty, int snapshotEvery, TimeSpan? idleAfter)
    {
        PersistenceId = persistenceId;
        State = empty;
        _snapshotEvery = snapshotEvery;
        if (idleAfter is { } idle)
            Context.SetReceiveTimeout(idle);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not TState state)
                return;
            State = state;
            _snapshotAt = offer.Metadata.SequenceNr;
        });
        Recover<TEvent>(e => State = Apply(State, e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        // A failed snapshot costs only recovery time: the journal still holds every event.
        Command<Forget>(_ => { });
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
        // Passivate, never stop: the shard buffers commands that arrive while the entity stops.
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public sealed override string PersistenceId { get; }

    /// <summary>The state as of the events journaled so far (and those applied by <see cref="ApplyAndPersistAsync"/>).</summary>
    protected TState State { get; private set; }

    /// <summary>The entity's pure event function.</summary>
    protected abstract TState Apply(TState state, TEvent @event);

    /// <summary>Called once the state is rebuilt, before the first command.</summary>
    protected virtual void OnRecovered()
    {
    }

    /// <inheritdoc cref="PersistAndReply(IReadOnlyList{TEvent}, Func{TState, object})"/>
    protected void PersistAndReply(TEvent @event, Func<TState, object> reply) => PersistAndReply([@event], reply);

    /// <summary>
    /// Journals the events together (later commands wait meanwhile), applies each once journaled, then tells
    /// the sender <paramref name="reply"/> of the new state, once. With no events the reply goes at once.
    /// </summary>
    protected void PersistAndReply(IReadOnlyList<TEvent> events, Func<TState, object> reply)
    {
        var sender = Sender;
        if (events.Count == 0)
        {
            sender.Tell(reply(State));
            return;
        }
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            State = Apply(State, e);
            if (--remaining > 0)
                return;
            sender.Tell(reply(State));
            SnapshotIfDue();
            ForgetSender();
        });
    }

    /// <summary>
    /// For events that only add up: applies the event at once, so the next command is judged with it, and
    /// journals it without holding later commands back (the journal batches them). <paramref name="reply"/>
    /// is made from the state right after this event, and told once the event is journaled. If the write
    /// fails the entity stops and recovers only what was journaled.
    /// </summary>
    protected void ApplyAndPersistAsync(TEvent @event, Func<TState, object> reply)
    {
        var sender = Sender;
        State = Apply(State, @event);
        var answer = reply(State);
        _appliedNotJournaled++;
        PersistAsync(@event, _ =>
        {
            _appliedNotJournaled--;
            sender.Tell(answer);
            SnapshotIfDue();
            ForgetSender();
        });
    }

    /// <summary>Before each message: a young list for the next journal write (see <see cref="JournalBatchRenewal"/>).</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        JournalBatchRenewal.Renew(this);
        return base.AroundReceive(receive, message);
    }

    /// <summary>
    /// Akka's actor cell keeps the sender of the last message until the next one arrives, and a journaled event's
    /// confirmation comes with the asker as its sender: an entity that then waits seconds for its next command (a chat
    /// thread does) kept the ask's temporary actor, its task and the reply with its events alive past every gen-0
    /// collection. That was 44 % of the young objects alive at 1,000 inbound messages a second. A message from no one,
    /// right after, lets them go.
    /// </summary>
    private void ForgetSender() => Self.Tell(Forget.Instance, ActorRefs.NoSender);

    private sealed class Forget : INotInfluenceReceiveTimeout
    {
        public static readonly Forget Instance = new();
    }

    /// <summary>
    /// Snapshots when the journal has passed another multiple of the interval since the last snapshot, but
    /// never while events applied ahead are still unjournaled: such a snapshot would hold them under an
    /// earlier sequence number, and recovery would apply them twice.
    /// </summary>
    private void SnapshotIfDue()
    {
        if (_appliedNotJournaled > 0 || LastSequenceNr / _snapshotEvery <= _snapshotAt / _snapshotEvery)
            return;
        SaveSnapshot(State);
        _snapshotAt = LastSequenceNr;
    }
}
