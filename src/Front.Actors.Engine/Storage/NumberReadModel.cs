using Front.Actors.Engine.ShortNumbers;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>Events one number's entity journaled, in order, the first at <paramref name="FirstSequenceNr"/> in its journal.</summary>
public sealed record NumberChange(string Number, long FirstSequenceNr, IReadOnlyList<ShortNumberEvents.IShortNumberEvent> Events);

/// <summary>
/// The one place that writes the numbers' read model (<c>numbers</c>, <c>keywords</c>). Two writers: the number service
/// right after the entity journaled a change (the whole state as of that event, so a listing shows it at once) and the
/// <see cref="NumberProjection"/> that follows the journal (so nothing a crash skipped stays missing). The sequence
/// number of the last event the rows show is kept per number (<c>entity_applied_seq</c>); what is at or below it is
/// skipped, so whichever writer comes second changes nothing, and it moves only from the number it was read at.
/// </summary>
public sealed class NumberReadModel(Database database)
{
    private const string PersistenceIdPrefix = "short-number-";

    public ProjectionOffsets Offsets { get; } = new(database);

    /// <summary>Writes the entity's state as of <paramref name="sequenceNr"/>, unless the rows show that event already. Returns whether it wrote.</summary>
    public async Task<bool> SaveAsync(string number, ShortNumberState state, long sequenceNr, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var applied = await AppliedAsync(db, number, ct);
        if (applied is { } at && at >= sequenceNr)
            return false;
        await WriteRowsAsync(db, number, state, ct);
        await MoveAppliedAsync(db, number, applied, sequenceNr, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Applies the events the rows do not show yet, with the projection's <paramref name="offset"/>, in one transaction.</summary>
    public async Task ApplyAsync(IReadOnlyList<NumberChange> changes, ProjectionOffsetRecord offset, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var change in changes)
        {
            var applied = await AppliedAsync(db, change.Number, ct);
            var fresh = change.Events.Where((_, i) => change.FirstSequenceNr + i > (applied ?? 0)).ToList();
            if (fresh.Count == 0)
                continue;
            var state = fresh.Aggregate(await StateOfAsync(db, change.Number, ct), (s, e) => s.Apply(e));
            await WriteRowsAsync(db, change.Number, state, ct);
            await MoveAppliedAsync(db, change.Number, applied, change.FirstSequenceNr + change.Events.Count - 1, ct);
        }
        await db.InsertOrReplaceAsync(offset, token: ct);
        await transaction.CommitAsync(ct);
    }

    private static Task<long?> AppliedAsync(DataConnection db, string number, CancellationToken ct) =>
        db.GetTable<EntityAppliedRecord>().Where(a => a.PersistenceId == PersistenceIdPrefix + number).Select(a => (long?)a.AppliedSequenceNr).FirstOrDefaultAsync(ct);

    /// <summary>Moves the number's applied sequence number from <paramref name="expected"/>; another writer that got there first is a conflict.</summary>
    private static async Task MoveAppliedAsync(DataConnection db, string number, long? expected, long to, CancellationToken ct)
    {
        var id = PersistenceIdPrefix + number;
        var count = expected is { } from
            ? await db.GetTable<EntityAppliedRecord>().Where(a => a.PersistenceId == id && a.AppliedSequenceNr == from).Set(a => a.AppliedSequenceNr, to).UpdateAsync(ct)
            : await db.GetTable<EntityAppliedRecord>().InsertOrUpdateAsync(() => new EntityAppliedRecord { PersistenceId = id, AppliedSequenceNr = to }, null, ct);
        if (count == 0)
            throw new ReadModelConflictException($"number {number} was moved on by another writer");
    }

    /// <summary>
    /// The part of a number's state its rows hold, enough for every event's effect on them. Rules are not in the rows
    /// and not needed. Numbers that journaled before this read model followed the journal have no applied row: their
    /// rows show every untagged event, and the projection sees only the tagged ones after them.
    /// </summary>
    private static async Task<ShortNumberState> StateOfAsync(DataConnection db, string number, CancellationToken ct)
    {
        var row = await db.GetTable<NumberRecord>().FirstOrDefaultAsync(n => n.Number == number, ct);
        var keywords = await db.GetTable<KeywordRecord>().Where(k => k.Number == number).ToListAsync(ct);
        return ShortNumberState.Empty with
        {
            OwnerAccountId = row?.OwnerAccountId, Shared = row?.Shared ?? false, DefaultReply = row?.DefaultReply, MessagesPerSecond = row?.MessagesPerSecond,
            Keywords = keywords.ToDictionary(k => k.Keyword, k => new KeywordEntry(k.AccountId, [], new Dictionary<string, IReadOnlyList<InboundRule>>())),
        };
    }

    /// <summary>Replaces what is stored about the number with <paramref name="state"/>.</summary>
    private static async Task WriteRowsAsync(DataConnection db, string number, ShortNumberState state, CancellationToken ct)
    {
        await db.GetTable<NumberRecord>().Where(n => n.Number == number).DeleteAsync(ct);
        await db.GetTable<KeywordRecord>().Where(k => k.Number == number).DeleteAsync(ct);
        if (state.OwnerAccountId is { } owner)
            await db.InsertAsync(new NumberRecord
            {
                Number = number, OwnerAccountId = owner, Shared = state.Shared, DefaultReply = state.DefaultReply, MessagesPerSecond = state.MessagesPerSecond,
            }, token: ct);
        foreach (var (keyword, entry) in state.Keywords)
            await db.InsertAsync(new KeywordRecord { Number = number, Keyword = keyword, AccountId = entry.AccountId }, token: ct);
    }
}
