using Front.Actors.Engine.Messages;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>The message read model: inserts of accepted messages, batched status changes, and the queries the API needs.</summary>
public sealed class MessageStore(Database database)
{
    public async Task<IReadOnlyList<MessageRecord>> FindByClientRefAsync(string accountId, string clientRef, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // Almost every reference is new: a prepared look-up answers that for a fraction of what building the query costs.
        await using (var any = PreparedCommand.Create(db, "SELECT 1 FROM messages WHERE account_id = @account AND client_ref = @ref LIMIT 1",
                         ("@account", System.Data.DbType.String), ("@ref", System.Data.DbType.String)))
            if (await any.FirstRowAsync(accountId, clientRef) is null)
                return [];
        return await db.GetTable<MessageRecord>()
            .Where(m => m.AccountId == accountId && m.ClientRef == clientRef)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
    }

    /// <summary>Stores accepted messages and their first history step in one transaction.</summary>
    public async Task InsertAcceptedAsync(IReadOnlyList<MessageRecord> messages, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await BatchInsert.RunAsync(db, "messages", messages, BatchInsert.Messages, ct);
        await BatchInsert.RunAsync(db, "message_status_history",
            messages.Select(m => new StatusHistoryRecord { MessageId = m.Id, Status = m.Status, At = m.CreatedAt, Detail = m.HoldDetail }).ToList(), BatchInsert.History, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<(MessageRecord Message, IReadOnlyList<StatusHistoryRecord> History)?> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var message = await db.GetTable<MessageRecord>().FirstOrDefaultAsync(m => m.Id == id && m.AccountId == accountId, ct);
        if (message is null)
            return null;
        var history = await db.GetTable<StatusHistoryRecord>().Where(h => h.MessageId == id).OrderBy(h => h.Id).ToListAsync(ct);
        return (message, history);
    }

    /// <summary>Messages stored but not yet handed to an operator: resumed after a restart.</summary>
    public async Task<IReadOnlyList<MessageRecord>> LoadUnsubmittedAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var accepted = MessageStatus.Accepted.ToWire();
        var queued = MessageStatus.Queued.ToWire();
        return await db.GetTable<MessageRecord>().Where(m => m.Status == accepted || m.Status == queued).OrderBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>The parts of these messages the operator has already accepted: a resumed or re-routed message sends only the others.</summary>
    public async Task<ILookup<string, int>> AcceptedPartsAsync(IReadOnlyList<string> messageIds, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = new List<(string MessageId, int Part)>();
        foreach (var chunk in messageIds.Chunk(500))
            rows.AddRange((await db.GetTable<MessagePartRecord>().Where(p => chunk.Contains(p.MessageId)).Select(p => new { p.MessageId, p.Part }).ToListAsync(ct))
                .Select(p => (p.MessageId, p.Part)));
        return rows.ToLookup(r => r.MessageId, r => r.Part);
    }
}
