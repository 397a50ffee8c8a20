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
        var bulk = new BulkCopyOptions { BulkCopyType = BulkCopyType.MultipleRows };
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.BulkCopyAsync(bulk, messages, ct);
        await db.BulkCopyAsync(bulk, messages.Select(m => new StatusHistoryRecord { MessageId = m.Id, Status = m.Status, At = m.CreatedAt, Detail = m.HoldDetail }), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Applies a batch in one transaction: part ids and history rows as multi-row inserts, and one update per
    /// message carrying its latest status (and the route and price if the batch set them).
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<StatusChange> changes, IReadOnlyList<(string MessageId, PartMapping Part)> parts, CancellationToken ct = default)
    {
        var bulk = new BulkCopyOptions { BulkCopyType = BulkCopyType.MultipleRows };
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        var partRows = parts.Select(p => (p.MessageId, p.Part))
            .Concat(changes.Where(c => c.Part is not null).Select(c => (c.MessageId, Part: c.Part!)))
            .Select(p => new MessagePartRecord
            {
                Bind = p.Part.Bind, OperatorMessageKey = p.Part.OperatorMessageKey, OperatorMessageId = p.Part.OperatorMessageId,
                MessageId = p.MessageId, Part = p.Part.Part,
            })
            .DistinctBy(p => (p.Bind, p.OperatorMessageKey))
            .ToList();
        if (partRows.Count > 0)
            await db.BulkCopyAsync(bulk, partRows, ct);
        if (changes.Count > 0)
            await db.BulkCopyAsync(bulk, changes.Select(c => new StatusHistoryRecord
            {
                MessageId = c.MessageId, Status = c.Status.ToWire(), At = c.At, Detail = c.Detail,
            }), ct);

        var current = changes.GroupBy(c => c.MessageId).Select(group =>
        {
            var last = group.Last();
            return new CurrentState(last.MessageId, last.Status.ToWire(), last.At,
                group.LastOrDefault(c => c.Operator is not null)?.Operator?.ToString(),
                group.LastOrDefault(c => c.Bind is not null)?.Bind,
                group.LastOrDefault(c => c.PriceOre is not null)?.PriceOre);
        }).ToList();
        await UpdateCurrentAsync(db, current, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// One prepared UPDATE run for every message the batch touched: building a LINQ query per message cost
    /// more than the database's work. Both SQLite and PostgreSQL take '@' parameters and COALESCE.
    /// </summary>
    private static async Task UpdateCurrentAsync(DataConnection db, IReadOnlyList<CurrentState> states, CancellationToken ct)
    {
        if (states.Count == 0)
            return;
        await using var command = db.OpenDbConnection().CreateCommand();
        command.Transaction = db.Transaction;
        command.CommandText = "UPDATE messages SET status = @status, updated_at = @at, operator = COALESCE(@operator, operator), " +
                              "bind = COALESCE(@bind, bind), price_ore = COALESCE(@price, price_ore) WHERE id = @id";
        var id = Parameter(command, "@id", System.Data.DbType.String);
        var status = Parameter(command, "@status", System.Data.DbType.String);
        var at = Parameter(command, "@at", System.Data.DbType.DateTimeOffset);
        var op = Parameter(command, "@operator", System.Data.DbType.String);
        var bind = Parameter(command, "@bind", System.Data.DbType.String);
        var price = Parameter(command, "@price", System.Data.DbType.Int64);
        foreach (var state in states)
        {
            id.Value = state.Id;
            status.Value = state.Status;
            at.Value = state.At;
            op.Value = (object?)state.Operator ?? DBNull.Value;
            bind.Value = (object?)state.Bind ?? DBNull.Value;
            price.Value = (object?)state.PriceOre ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed record CurrentState(string Id, string Status, DateTimeOffset At, string? Operator, string? Bind, long? PriceOre);

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
    public async Task<(string AccountId, int Segments, MessageStatus Status)> GetPartsInfoAsync(string messageId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var message = await db.GetTable<MessageRecord>().Where(m => m.Id == messageId).Select(m => new { m.AccountId, m.Segments, m.Status }).FirstAsync(ct);
        return (message.AccountId, message.Segments, MessageStatusNames.FromWire(message.Status));
    }
}
