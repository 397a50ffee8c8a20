using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// Makes the inbox read model follow the conversation journal: reads the conversation events in the journal's order from its stored offset and
/// applies them through <see cref="ConversationReadModel"/> with the new offset in the same transaction, then pushes
/// what it wrote to the account's agents. Normally the service has written each change already and this only moves
/// the offset on; after a crash between a journal write and the read model it writes what was skipped, in order, once.
/// Every node runs it: the read model's per-thread sequence numbers make a second writer change nothing.
/// </summary>
public sealed class ConversationProjection
{
    public const string Name = "conversations";
    private const string PersistenceIdPrefix = "conversation-";

    private readonly ConversationReadModel _readModel;
    private readonly IInboxNotifier _notifier;
    private readonly ILoggingAdapter _log;
    private readonly JournalProjection _projection;

    public ConversationProjection(ActorSystem system, ConversationReadModel readModel, IInboxNotifier notifier)
    {
        _readModel = readModel;
        _notifier = notifier;
        _log = Logging.GetLogger(system, typeof(ConversationProjection));
        _projection = new JournalProjection(system, Name, PersistenceIdPrefix, readModel.Offsets, ApplyAsync);
    }

    /// <inheritdoc cref="JournalProjection.Start"/>
    public void Start() => _projection.Start();

    public void Stop() => _projection.Stop();

    /// <inheritdoc cref="JournalProjection.CatchUpAsync"/>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => _projection.CatchUpAsync(ct);

    private async Task ApplyAsync(IReadOnlyList<EventEnvelope> envelopes, ProjectionOffsetRecord offset)
    {
        var updates = await _readModel.ApplyAsync(Changes(envelopes), inOrderOnly: false, offset);
        await PushAsync(updates);
    }

    /// <summary>Adjacent events of one thread become one change, so its feed entries show the thread as they left it.</summary>
    private static List<ConversationChange> Changes(IReadOnlyList<EventEnvelope> envelopes)
    {
        var changes = new List<ConversationChange>();
        foreach (var envelope in envelopes)
        {
            if (envelope.Event is not ConversationEvents.IConversationEvent @event || JournalProjection.EntityId(envelope, PersistenceIdPrefix) is not { } id)
                continue;
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
                await _notifier.NotifyAsync(account.Key, account.ToList());
            }
            catch (Exception e)
            {
                // Stored already: an agent who missed the push reads it from the feed when reconnecting.
                _log.Warning("Could not push {0} inbox updates of account {1}: {2}", account.Count(), account.Key, e.Message);
            }
        }
    }
}
