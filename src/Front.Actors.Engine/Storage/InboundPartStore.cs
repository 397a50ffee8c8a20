using System.Data;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// The inbound part store: every deliver_sm from a contact is written here (group commit, shared by the
/// inbound lanes) before the operator is answered; long messages are joined from here; processed parts are
/// marked with the message they became.
/// </summary>
public sealed class InboundPartStore(Database database) : IAsyncDisposable
{
    private readonly GroupCommit<InboundPartRecord, bool> _commit = new(parts => InsertAsync(database, parts), _ => 1, maxWeight: 500);
    private readonly GroupCommit<(IReadOnlyList<string> PartIds, string MessageId), bool> _processed = new(marks => MarkAsync(database, marks), m => m.PartIds.Count, maxWeight: 1_000);

    /// <summary>Stores the part; false when a part with the same dedup key is already stored (a redelivery).</summary>
    public Task<bool> StoreAsync(InboundPartRecord part) => _commit.SubmitAsync(part);

    private static async Task<IReadOnlyList<bool>> InsertAsync(Database database, IReadOnlyList<InboundPartRecord> parts)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        // Both SQLite and PostgreSQL skip a row whose dedup key is taken and say so by the row count.
        await using var command = PreparedCommand.Create(db,
            "INSERT INTO inbound_parts (id, bind, source, destination, text, reference, total, sequence, dedup_key, received_at) " +
            "VALUES (@id, @bind, @source, @destination, @text, @reference, @total, @sequence, @dedup, @at) ON CONFLICT (dedup_key) DO NOTHING",
            ("@id", DbType.String), ("@bind", DbType.String), ("@source", DbType.String), ("@destination", DbType.String), ("@text", DbType.String),
            ("@reference", DbType.Int32), ("@total", DbType.Int32), ("@sequence", DbType.Int32), ("@dedup", DbType.String), ("@at", DbType.DateTimeOffset));
        var stored = new List<bool>(parts.Count);
        foreach (var part in parts)
            stored.Add(await command.RunAsync(part.Id, part.Bind, part.Source, part.Destination, part.Text, part.Reference, part.Total, part.Sequence, part.DedupKey, part.ReceivedAt) == 1);
        await transaction.CommitAsync();
        return stored;
    }

    /// <summary>The stored, not yet processed parts of one long message.</summary>
    public async Task<IReadOnlyList<InboundPartRecord>> GroupAsync(string source, string destination, int reference, int total, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<InboundPartRecord>()
            .Where(p => p.Source == source && p.Destination == destination && p.Reference == reference && p.Total == total && p.MessageId == null)
            .OrderBy(p => p.Sequence).ThenBy(p => p.ReceivedAt).ToListAsync(ct);
    }

    /// <summary>Parts not yet processed (after a restart), oldest first.</summary>
    public async Task<IReadOnlyList<InboundPartRecord>> PendingAsync(DateTimeOffset? receivedBefore = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<InboundPartRecord>().Where(p => p.MessageId == null);
        if (receivedBefore is { } before)
            query = query.Where(p => p.ReceivedAt < before);
        return await query.OrderBy(p => p.ReceivedAt).ToListAsync(ct);
    }

    /// <summary>
    /// The parts became <paramref name="messageId"/> in their thread, with their rules' work recorded. Marks from
    /// all lanes share one transaction (group commit).
    /// </summary>
    public Task MarkProcessedAsync(IReadOnlyList<string> partIds, string messageId) => _processed.SubmitAsync((partIds, messageId));

    private static async Task<IReadOnlyList<bool>> MarkAsync(Database database, IReadOnlyList<(IReadOnlyList<string> PartIds, string MessageId)> marks)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        await using var command = PreparedCommand.Create(db, "UPDATE inbound_parts SET message_id = @message WHERE id = @id", ("@message", DbType.String), ("@id", DbType.String));
        foreach (var (partIds, messageId) in marks)
            foreach (var partId in partIds)
                await command.RunAsync(messageId, partId);
        await transaction.CommitAsync();
        return marks.Select(_ => true).ToList();
    }

    /// <summary>
    /// Deletes processed parts received before <paramref name="before"/>: past the time an operator would deliver them
    /// again. It takes its turn with the other writers (on SQLite a writer that found the file busy slept 1–100 ms) and
    /// finds the old rows by their time (ix_inbound_parts_received), not by scanning every processed part.
    /// </summary>
    public async Task<int> DeleteProcessedAsync(DateTimeOffset before, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        return await db.GetTable<InboundPartRecord>().Where(p => p.ReceivedAt < before && p.MessageId != null).DeleteAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _commit.DisposeAsync();
        await _processed.DisposeAsync();
    }
}
