using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// Makes the inbox read model follow the conversation journal: reads the tagged events from its stored offset and
/// applies them through <see cref="ConversationReadModel"/> with the new offset in the same transaction, then pushes
/// what it wrote to the account's agents. Normally the service has written each change already and this only moves
/// the offset on; after a crash between a journal write and the read model it writes what was skipped, in order, once.
/// Every node runs it: the read model's per-thread sequence numbers make a second writer change nothing.
/// </summary>
public sealed class ConversationProjection(ActorSystem system, ConversationReadModel readModel, IInboxNotifier notifier)
{
    public const string Name = "conversations";
    private const string PersistenceIdPrefix = "conversation-";
    private const int ConflictRetries = 5;

    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(ConversationProjection));
    private UniqueKillSwitch? _running;

    /// <summary>Follows the journal until <see cref="Stop"/>; a database error restarts it (with back-off) from the stored offset.</summary>
    public void Start()
    {
        var restart = RestartSettings.Create(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);
        _running = RestartSource.OnFailuresWithBackoff(() => Applied(live: true), restart)
            .ViaMaterialized(KillSwitches.Single<long>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<long>(), Keep.Left)
            .Run(system.Materializer());
    }

    public void Stop() => _running?.Shutdown();

    /// <summary>Applies every event journaled so far, from the stored offset, and completes; returns the offset reached.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        var start = await readModel.OffsetAsync(Name, ct);
        return await Applied(live: false).RunAggregate(start, (_, offset) => offset, system.Materializer());
    }

    private Source<long, NotUsed> Applied(bool live)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return Source.FromTask(readModel.OffsetAsync(Name))
            .ConcatMany(offset => live
                ? journal.EventsByTag(ConversationEventTagger.Tag, Offset.Sequence(offset))
                : journal.CurrentEventsByTag(ConversationEventTagger.Tag, Offset.Sequence(offset)))
            .GroupedWithin(500, TimeSpan.FromMilliseconds(100))
            .SelectAsync(1, ApplyAsync);
    }

    private async Task<long> ApplyAsync(IEnumerable<EventEnvelope> batch)
    {
        var envelopes = batch.ToList();
        var offset = ((Sequence)envelopes[^1].Offset).Value;
        var changes = Changes(envelopes);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var updates = await readModel.ApplyAsync(changes, inOrderOnly: false,
                    new ProjectionOffsetRecord { Name = Name, Offset = offset, UpdatedAt = DateTimeOffset.UtcNow });
                await PushAsync(updates);
                return offset;
            }
            catch (ReadModelConflictException e) when (attempt < ConflictRetries)
            {
                _log.Debug("Conversation projection met another writer ({0}); trying again", e.Message);
            }
        }
    }

    /// <summary>Adjacent events of one thread become one change, so its feed entries show the thread as they left it.</summary>
    private static List<ConversationChange> Changes(List<EventEnvelope> envelopes)
    {
        var changes = new List<ConversationChange>();
        foreach (var envelope in envelopes)
        {
            if (envelope.Event is not ConversationEvents.IConversationEvent @event || !envelope.PersistenceId.StartsWith(PersistenceIdPrefix, StringComparison.Ordinal))
                continue;
            var id = envelope.PersistenceId[PersistenceIdPrefix.Length..];
            if (changes.Count > 0 && changes[^1] is var last && last.ConversationId == id && last.FirstSequenceNr + last.Events.Count == envelope.SequenceNr)
                changes[^1] = last with { Events = [.. last.Events, @event] };
            else
                changes.Add(new ConversationChange(id, envelope.SequenceNr, [@event]));
        }
        return changes;
    }

    private async Task PushAsync(IReadOnlyList<IReadOnlyList<InboxUpdate>> updates)
    {
        foreach (var account in updates.SelectMany(u => u).GroupBy(u => u.Conversation.AccountId))
        {
            try
            {
                await notifier.NotifyAsync(account.Key, account.ToList());
            }
            catch (Exception e)
            {
                // Stored already: an agent who missed the push reads it from the feed when reconnecting.
                _log.Warning("Could not push {0} inbox updates of account {1}: {2}", account.Count(), account.Key, e.Message);
            }
        }
    }
}
