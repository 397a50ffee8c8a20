using System.Data;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Inserts many rows in the connection's transaction, the fastest way each database offers: on SQLite one
/// prepared INSERT run per row (in-process, so a row costs microseconds, and there is no SQL text to build and
/// parse per batch); on PostgreSQL one multi-row INSERT (one round trip for many rows).
/// </summary>
internal static class BatchInsert
{
    private static readonly BulkCopyOptions MultipleRows = new() { BulkCopyType = BulkCopyType.MultipleRows };

    public sealed record Column<T>(string Name, DbType Type, Func<T, object?> Value);

    public static async Task RunAsync<T>(DataConnection db, string table, IReadOnlyCollection<T> rows, IReadOnlyList<Column<T>> columns, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return;
        if (!db.DataProvider.Name.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase))
        {
            await db.BulkCopyAsync(MultipleRows, rows, ct);
            return;
        }
        await using var command = PreparedCommand.Create(db,
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            columns.Select((c, i) => ($"@p{i}", c.Type)).ToArray());
        foreach (var row in rows)
            await command.RunAsync(columns.Select(c => c.Value(row)).ToArray());
    }

    public static readonly IReadOnlyList<Column<StatusHistoryRecord>> History =
    [
        new("message_id", DbType.String, h => h.MessageId), new("status", DbType.String, h => h.Status),
        new("at", DbType.DateTimeOffset, h => h.At), new("detail", DbType.String, h => h.Detail),
    ];

    public static readonly IReadOnlyList<Column<MessagePartRecord>> Parts =
    [
        new("bind", DbType.String, p => p.Bind), new("operator_message_key", DbType.String, p => p.OperatorMessageKey),
        new("message_id", DbType.String, p => p.MessageId), new("part", DbType.Int32, p => p.Part),
        new("operator_message_id", DbType.String, p => p.OperatorMessageId), new("submitted_at", DbType.DateTimeOffset, p => p.SubmittedAt),
    ];

    public static readonly IReadOnlyList<Column<MessageRecord>> Messages =
    [
        new("id", DbType.String, m => m.Id), new("account_id", DbType.String, m => m.AccountId), new("client_ref", DbType.String, m => m.ClientRef),
        new("sender", DbType.String, m => m.Sender), new("recipient", DbType.String, m => m.Recipient), new("text", DbType.String, m => m.Text),
        new("encoding", DbType.String, m => m.Encoding), new("segments", DbType.Int32, m => m.Segments), new("status", DbType.String, m => m.Status),
        new("home_operator", DbType.String, m => m.HomeOperator), new("operator", DbType.String, m => m.Operator), new("bind", DbType.String, m => m.Bind),
        new("price_ore", DbType.Int64, m => m.PriceOre), new("created_at", DbType.DateTimeOffset, m => m.CreatedAt), new("updated_at", DbType.DateTimeOffset, m => m.UpdatedAt),
    ];
}
