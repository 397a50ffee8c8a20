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
        return await db.GetTable<MessageRecord>()
            .Where(m => m.AccountId == accountId && m.ClientRef == clientRef)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
    }

    /// <summary>Stores accepted messages and their first history step in one transaction.</summary>
    public async Task InsertAcceptedAsync(IReadOnlyList<MessageRecord> messages, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var message in messages)
            await db.InsertAsync(message, token: ct);
        foreach (var message in messages)
            await db.InsertAsync(new StatusHistoryRecord { MessageId = message.Id, Status = message.Status, At = message.CreatedAt }, token: ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Applies a batch of changes in one transaction: history rows, part ids, and each message's current state.</summary>
    public async Task ApplyAsync(IReadOnlyList<StatusChange> changes, IReadOnlyList<(string MessageId, PartMapping Part)> parts, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var (messageId, part) in parts)
            await db.InsertOrReplaceAsync(new MessagePartRecord
            {
                Bind = part.Bind, OperatorMessageKey = part.OperatorMessageKey, OperatorMessageId = part.OperatorMessageId,
                MessageId = messageId, Part = part.Part,
            }, token: ct);
        foreach (var change in changes)
        {
            if (change.Part is { } part)
                await db.InsertOrReplaceAsync(new MessagePartRecord
                {
                    Bind = part.Bind, OperatorMessageKey = part.OperatorMessageKey, OperatorMessageId = part.OperatorMessageId,
                    MessageId = change.MessageId, Part = part.Part,
                }, token: ct);
            await db.InsertAsync(new StatusHistoryRecord
            {
                MessageId = change.MessageId, Status = change.Status.ToWire(), At = change.At, Detail = change.Detail,
            }, token: ct);
            var update = db.GetTable<MessageRecord>().Where(m => m.Id == change.MessageId)
                .Set(m => m.Status, change.Status.ToWire())
                .Set(m => m.UpdatedAt, change.At);
            if (change.Operator is { } op)
                update = update.Set(m => m.Operator, op.ToString());
            if (change.Bind is { } bind)
                update = update.Set(m => m.Bind, bind);
            if (change.PriceOre is { } price)
                update = update.Set(m => m.PriceOre, price);
            await update.UpdateAsync(ct);
        }
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

    public async Task<MessagePartRecord?> FindPartAsync(string bind, string operatorMessageKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<MessagePartRecord>().FirstOrDefaultAsync(p => p.Bind == bind && p.OperatorMessageKey == operatorMessageKey, ct);
    }

    /// <summary>What a receipt needs to know of its message when the in-memory link is gone (after a restart).</summary>
    public async Task<(string AccountId, int Segments)> GetPartsInfoAsync(string messageId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var message = await db.GetTable<MessageRecord>().Where(m => m.Id == messageId).Select(m => new { m.AccountId, m.Segments }).FirstAsync(ct);
        return (message.AccountId, message.Segments);
    }
}
