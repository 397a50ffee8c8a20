using Front.Actors.Engine.Conversations;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Events one conversation journaled, in order, the first at <paramref name="FirstSequenceNr"/> in its journal.
/// </summary>
public sealed record ConversationChange(string ConversationId, long FirstSequenceNr, IReadOnlyList<ConversationEvents.IConversationEvent> Events);

/// <summary>
/// The one place that maps a conversation's journaled events to the inbox read model (<c>conversations</c>,
/// <c>conversation_messages</c>, <c>inbox_events</c>, <c>opt_outs</c>). Two writers call it with the same events:
/// the service right after the entity journaled them (so an agent sees an inbound message at once) and the
/// <see cref="ConversationProjection"/> that follows the journal (so nothing a crash skipped stays missing). Each
/// thread's row remembers the sequence number of the last event it shows (<c>applied_seq</c>); an event at or below
/// it is skipped, so whichever writer comes second changes nothing, and the row moves only from the number it was
/// read at (a concurrent writer on another node makes the update miss and the batch is tried again).
/// </summary>
public sealed class ConversationReadModel(Database database)
{
    private static readonly TimeSpan OffsetEvery = TimeSpan.FromSeconds(1);
    private DateTimeOffset _offsetStoredAt;

    /// <summary>
    /// Applies the changes in one transaction and returns each change's new feed entries (empty when it was applied
    /// before). <paramref name="inOrderOnly"/>: a change whose thread misses earlier events (a crash came between the
    /// journal and the read model) is left to the projection, which applies them in order. <paramref name="offset"/>:
    /// the projection's position, stored in the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<InboxUpdate>>> ApplyAsync(
        IReadOnlyList<ConversationChange> changes, bool inOrderOnly, ProjectionOffsetRecord? offset = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // The projection mostly follows changes the service wrote already. Seeing that takes a read; the offset alone is then
        // stored at most once a second, not in a write per batch (a restart reads that second again and changes nothing).
        if (offset is not null && offset.UpdatedAt - _offsetStoredAt < OffsetEvery && !await AnyFreshAsync(db, changes, ct))
            return changes.Select(_ => (IReadOnlyList<InboxUpdate>)[]).ToList();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var all = new List<IReadOnlyList<InboxUpdate>>(changes.Count);
        await using (var writer = new InboxRowWriter(db))
        {
            // Each thread's row by its key with one prepared statement: a Linq2Db query with an IN list was built into SQL
            // again on every call (its length varies), a fifth of the host's allocations at 1,000 inbound messages a second.
            var rows = new Dictionary<string, ConversationRecord>();
            foreach (var id in changes.Select(c => c.ConversationId).Distinct())
                if (await writer.ReadThreadAsync(id) is { } row)
                    rows[id] = row;
            foreach (var change in changes)
                all.Add(await ApplyChangeAsync(db, writer, rows, change, inOrderOnly, ct));
        }
        if (offset is not null)
            await db.InsertOrReplaceAsync(offset, token: ct);
        await transaction.CommitAsync(ct);
        if (offset is not null)
            _offsetStoredAt = offset.UpdatedAt;
        return all;
    }

    /// <summary>Whether any change holds an event its thread's row does not show yet (rows only move forward, so a "no" stays true).</summary>
    private static async Task<bool> AnyFreshAsync(DataConnection db, IReadOnlyList<ConversationChange> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.ConversationId).Distinct().ToList();
        var applied = await db.GetTable<ConversationRecord>().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.AppliedSequenceNr }).ToDictionaryAsync(c => c.Id, c => c.AppliedSequenceNr, ct);
        return changes.Any(c => c.FirstSequenceNr + c.Events.Count - 1 > applied.GetValueOrDefault(c.ConversationId));
    }

    /// <summary>Where the projection <paramref name="name"/> stopped (0: from the start of the journal).</summary>
    public Task<long> OffsetAsync(string name, CancellationToken ct = default) => Offsets.OffsetAsync(name, ct);

    public ProjectionOffsets Offsets { get; } = new(database);

    private static async Task<IReadOnlyList<InboxUpdate>> ApplyChangeAsync(
        DataConnection db, InboxRowWriter writer, Dictionary<string, ConversationRecord> rows, ConversationChange change, bool inOrderOnly, CancellationToken ct)
    {
        rows.TryGetValue(change.ConversationId, out var row);
        var applied = row?.AppliedSequenceNr ?? 0;
        var fresh = change.Events.Select((e, i) => (SequenceNr: change.FirstSequenceNr + i, Event: e)).Where(x => x.SequenceNr > applied).ToList();
        if (fresh.Count == 0 || inOrderOnly && fresh[0].SequenceNr != applied + 1)
            return [];

        var state = row is null ? ConversationState.Empty : StateOf(row);
        foreach (var (_, @event) in fresh)
            state = state.Apply(@event);
        var updated = Record(change.ConversationId, state, fresh[^1].SequenceNr);
        await SaveThreadAsync(db, writer, updated, row is null ? null : applied, ct);
        rows[change.ConversationId] = updated;

        // Every entry of one change shows the thread as the change left it (a stop word's message shows it opted out).
        var summary = ConversationSummary.Of(change.ConversationId, state);
        var updates = new List<InboxUpdate>();
        foreach (var (_, @event) in fresh)
        {
            var (kind, message, by) = await ApplyEventAsync(db, writer, change.ConversationId, state, @event, ct);
            if (kind is not null)
                updates.Add(await writer.AppendAsync(kind, summary, message, by, @event.At));
        }
        return updates;
    }

    /// <summary>Inserts the thread's row, or moves it on from <paramref name="expectedSequenceNr"/>; another writer that got there first is a conflict.</summary>
    private static async Task SaveThreadAsync(DataConnection db, InboxRowWriter writer, ConversationRecord row, long? expectedSequenceNr, CancellationToken ct)
    {
        var saved = expectedSequenceNr is { } expected
            ? await writer.MoveThreadAsync(row, expected)
            : await db.GetTable<ConversationRecord>().InsertOrUpdateAsync(() => new ConversationRecord
            {
                Id = row.Id, AccountId = row.AccountId, OurNumber = row.OurNumber, Contact = row.Contact, Unread = row.Unread, AssignedTo = row.AssignedTo,
                Closed = row.Closed, OptedOut = row.OptedOut, LastMessage = row.LastMessage, LastMessageAt = row.LastMessageAt, AppliedSequenceNr = row.AppliedSequenceNr,
            }, null, ct) > 0; // insert or nothing
        if (!saved)
            throw new ReadModelConflictException($"conversation {row.Id} was moved on by another writer");
    }

    private static async Task<(string? Kind, ThreadMessage? Message, string? By)> ApplyEventAsync(
        DataConnection db, InboxRowWriter writer, string conversationId, ConversationState state, ConversationEvents.IConversationEvent @event, CancellationToken ct)
    {
        switch (@event)
        {
            case ConversationEvents.MessageReceived e:
                var inbound = await writer.AddMessageAsync(new ConversationMessageRecord { ConversationId = conversationId, MessageId = e.MessageId, Direction = "in", Text = e.Text, Keyword = e.Keyword, At = e.At });
                return ("message", new ThreadMessage(e.MessageId, "in", e.Text, null, e.Keyword, e.At, null, inbound), null);
            case ConversationEvents.ReplyWritten e:
                var outbound = await writer.AddMessageAsync(new ConversationMessageRecord { ConversationId = conversationId, MessageId = e.MessageId, Direction = "out", Text = e.Text, Author = e.Author, At = e.At });
                var status = await db.GetTable<MessageRecord>().Where(m => m.Id == e.MessageId).Select(m => m.Status).FirstOrDefaultAsync(ct);
                return ("message", new ThreadMessage(e.MessageId, "out", e.Text, e.Author, null, e.At, status, outbound), e.Author);
            case ConversationEvents.OptedOut e:
                await db.InsertOrReplaceAsync(new OptOutRecord { AccountId = state.AccountId!, OurNumber = state.OurNumber!, Contact = state.Contact!, Word = e.Word, At = e.At }, token: ct);
                return ("opt-out", null, "contact");
            case ConversationEvents.OptedIn:
                await db.GetTable<OptOutRecord>().Where(o => o.AccountId == state.AccountId && o.OurNumber == state.OurNumber && o.Contact == state.Contact).DeleteAsync(ct);
                return ("opt-in", null, "contact");
            case ConversationEvents.AssignmentChanged e:
                return ("assignment", null, e.By);
            case ConversationEvents.MarkedRead e:
                return ("read", null, e.Agent);
            case ConversationEvents.Closed e:
                return ("closed", null, e.By);
            case ConversationEvents.Reopened e:
                return ("reopened", null, e.By);
            default:
                return (null, null, null);
        }
    }

    /// <summary>The part of a thread's state its row holds (enough for every event's effect on the row).</summary>
    private static ConversationState StateOf(ConversationRecord row) =>
        ConversationState.Empty with
        {
            AccountId = row.AccountId, OurNumber = row.OurNumber, Contact = row.Contact, Unread = row.Unread, AssignedTo = row.AssignedTo,
            Closed = row.Closed, OptedOut = row.OptedOut, LastMessage = row.LastMessage, LastMessageAt = row.LastMessageAt,
        };

    private static ConversationRecord Record(string id, ConversationState state, long appliedSequenceNr) => new()
    {
        Id = id, AccountId = state.AccountId!, OurNumber = state.OurNumber!, Contact = state.Contact!, Unread = state.Unread, AssignedTo = state.AssignedTo,
        Closed = state.Closed, OptedOut = state.OptedOut, LastMessage = state.LastMessage, LastMessageAt = state.LastMessageAt, AppliedSequenceNr = appliedSequenceNr,
    };
}
