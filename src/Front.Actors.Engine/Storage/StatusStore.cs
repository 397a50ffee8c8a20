using System.Data;
using System.Data.Common;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Stores a batch of status entries in one transaction: accepted parts, receipts (matched to their part, or
/// kept until it is stored) and history steps; then derives each touched message's submitted and final steps
/// from its stored parts. Returns exactly the steps it stored, for the live push.
/// </summary>
public sealed class StatusStore(Database database)
{
    /// <summary>
    /// The keys of receipts waiting in <c>unmatched_receipts</c>, so that a batch asks the table only when one of
    /// its parts has a receipt waiting. Loaded from the table on first use; kept by this store's own writes (a
    /// bind's receipts and parts are written by the one node that holds the bind).
    /// </summary>
    private HashSet<(string Bind, string Key)>? _waiting;

    public async Task<IReadOnlyList<StatusChange>> ApplyAsync(IReadOnlyList<StatusEntry> entries, CancellationToken ct = default)
    {
        await using var db = database.Open();
        _waiting ??= (await db.GetTable<UnmatchedReceiptRecord>().Select(r => new { r.Bind, r.OperatorMessageKey }).ToListAsync(ct))
            .Select(r => (r.Bind, r.OperatorMessageKey)).ToHashSet();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);

        var accepted = entries.OfType<StatusEntry.PartAccepted>().DistinctBy(p => (p.Mapping.Bind, p.Mapping.OperatorMessageKey)).ToList();
        if (accepted.Count > 0)
            await BatchInsert.RunAsync(db, "message_parts", accepted.Select(p => new MessagePartRecord
            {
                Bind = p.Mapping.Bind, OperatorMessageKey = p.Mapping.OperatorMessageKey, OperatorMessageId = p.Mapping.OperatorMessageId,
                MessageId = p.MessageId, Part = p.Mapping.Part, SubmittedAt = p.At,
            }).ToList(), BatchInsert.Parts, ct);

        // Receipts that waited for a part stored just now go first: they came first.
        var receipts = accepted.Any(p => _waiting.Contains((p.Mapping.Bind, p.Mapping.OperatorMessageKey))) ? await TakeWaitingReceiptsAsync(db, accepted, ct) : [];
        receipts.AddRange(entries.OfType<StatusEntry.Receipt>());
        var (matched, unmatched) = await MatchReceiptsAsync(db, receipts, ct);

        var steps = entries.OfType<StatusEntry.Step>().Select(s => s.Change).ToList();
        var progressed = accepted.Select(p => p.MessageId).Concat(matched.Select(m => m.MessageId)).Distinct().ToList();
        var ids = steps.Select(s => s.MessageId).Concat(progressed).Distinct().ToList();
        var messages = await HeadsAsync(db, ids, ct);
        var current = messages.Values.ToDictionary(m => m.Id, m => MessageStatusNames.FromWire(m.Status));
        // The operator the API shows with each step: the message's, as set by the latest route.
        var operators = messages.Values.ToDictionary(m => m.Id, OperatorOf);

        var stored = new List<StatusChange>(steps.Count + progressed.Count);
        foreach (var step in steps)
        {
            // Nothing moves a message out of a final status (a late or repeated step changes nothing).
            if (!current.TryGetValue(step.MessageId, out var status) || status.IsFinal())
                continue;
            if (step.Operator is { } routed)
                operators[step.MessageId] = routed;
            stored.Add(step.Operator is null && operators[step.MessageId] is { } known ? step with { Operator = known } : step);
            current[step.MessageId] = step.Status;
        }
        if (progressed.Count > 0)
            stored.AddRange(await DeriveStepsAsync(db, progressed, messages, current, operators, accepted, matched, ct));

        if (stored.Count > 0)
        {
            await BatchInsert.RunAsync(db, "message_status_history",
                stored.Select(c => new StatusHistoryRecord { MessageId = c.MessageId, Status = c.Status.ToWire(), At = c.At, Detail = c.Detail }).ToList(), BatchInsert.History, ct);
            await UpdateCurrentAsync(db, stored, ct);
        }
        await transaction.CommitAsync(ct);
        foreach (var receipt in receipts)
            _waiting.Remove((receipt.Bind, receipt.OperatorMessageKey));
        foreach (var receipt in unmatched)
            _waiting.Add((receipt.Bind, receipt.OperatorMessageKey));
        return stored;
    }

    /// <summary>
    /// Submitted and final steps that the parts of <paramref name="progressed"/> now call for. A one-part message's
    /// part is all in this batch (accepted now, or matched by a receipt now); longer ones read their stored parts.
    /// </summary>
    private static async Task<List<StatusChange>> DeriveStepsAsync(
        DataConnection db, List<string> progressed, Dictionary<string, MessageHead> messages, Dictionary<string, MessageStatus> current,
        Dictionary<string, Operator?> operators, List<StatusEntry.PartAccepted> accepted, List<Matched> matched, CancellationToken ct)
    {
        var longer = progressed.Where(id => messages.TryGetValue(id, out var m) && m.Segments > 1).ToList();
        var stored = longer.Count == 0 ? Enumerable.Empty<MessagePartRecord>().ToLookup(p => p.MessageId)
            : (await db.GetTable<MessagePartRecord>().Where(p => longer.Contains(p.MessageId)).ToListAsync(ct)).ToLookup(p => p.MessageId);
        var lastAccepted = accepted.GroupBy(p => p.MessageId).ToDictionary(g => g.Key, g => g.Last());
        var receipts = matched.ToLookup(m => m.MessageId);
        var derived = new List<StatusChange>();
        foreach (var id in progressed)
        {
            if (!messages.TryGetValue(id, out var message))
                continue;
            var parts = message.Segments > 1
                ? stored[id].Select(p => new MessageProgress.PartState(p.Part, p.Outcome is null ? null : MessageStatusNames.FromWire(p.Outcome))).ToList()
                : [new MessageProgress.PartState(1, receipts[id].LastOrDefault()?.Receipt.Outcome)];
            foreach (var status in MessageProgress.StepsDue(current[id], message.Segments, parts))
            {
                var by = lastAccepted.GetValueOrDefault(id);
                if (status == MessageStatus.Submitted)
                {
                    var ids = message.Segments > 1
                        ? stored[id].OrderBy(p => p.Part).ThenBy(p => p.SubmittedAt).DistinctBy(p => p.Part).Select(p => p.OperatorMessageId)
                        : [by?.Mapping.OperatorMessageId ?? "?"];
                    derived.Add(new StatusChange(id, message.AccountId, status, by?.At ?? DateTimeOffset.UtcNow,
                        $"operator message id {string.Join(",", ids)}", by?.Via ?? operators[id], by?.Mapping.Bind));
                }
                else
                {
                    var receipt = receipts[id].LastOrDefault()?.Receipt;
                    var at = receipt?.At ?? DateTimeOffset.UtcNow;
                    // A receipt that waited for its part is dated no earlier than the part's submit.
                    if (by is not null && by.At > at)
                        at = by.At;
                    derived.Add(new StatusChange(id, message.AccountId, status, at, receipt?.Detail, by?.Via ?? operators[id]));
                }
                current[id] = status;
            }
        }
        return derived;
    }

    /// <summary>
    /// What the batch needs of each message it touches. SQLite answers a prepared lookup per id in microseconds, where
    /// an IN list of a thousand ids is new SQL to build and parse each batch; PostgreSQL gets the list in one round trip.
    /// </summary>
    private static async Task<Dictionary<string, MessageHead>> HeadsAsync(DataConnection db, List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return new Dictionary<string, MessageHead>();
        if (db.OpenDbConnection() is not Microsoft.Data.Sqlite.SqliteConnection)
            return (await db.GetTable<MessageRecord>().Where(m => ids.Contains(m.Id))
                .Select(m => new MessageHead(m.Id, m.AccountId, m.Segments, m.Status, m.Operator)).ToListAsync(ct)).ToDictionary(m => m.Id);
        var heads = new Dictionary<string, MessageHead>(ids.Count);
        await using var lookup = PreparedCommand.Create(db, "SELECT account_id, segments, status, operator FROM messages WHERE id = @id", ("@id", DbType.String));
        foreach (var id in ids)
            if (await lookup.FirstRowAsync(id) is [string account, long segments, string status, var op])
                heads[id] = new MessageHead(id, account, (int)segments, status, op as string);
        return heads;
    }

    private static Operator? OperatorOf(MessageHead message) => Enum.TryParse<Operator>(message.Operator, ignoreCase: true, out var op) ? op : null;

    /// <summary>
    /// Records each receipt on its part with one statement (an UPDATE that returns the part, if it had no outcome
    /// yet). A receipt whose part is not stored waits in <c>unmatched_receipts</c>; one for a part that already has
    /// its outcome was delivered again and changes nothing.
    /// </summary>
    private static async Task<(List<Matched> Matched, List<StatusEntry.Receipt> Unmatched)> MatchReceiptsAsync(
        DataConnection db, List<StatusEntry.Receipt> receipts, CancellationToken ct)
    {
        var matched = new List<Matched>();
        var missed = new List<StatusEntry.Receipt>();
        if (receipts.Count == 0)
            return (matched, missed);
        await using (var update = PreparedCommand.Create(db,
                         "UPDATE message_parts SET outcome = @outcome, outcome_detail = @detail, outcome_at = @at " +
                         "WHERE bind = @bind AND operator_message_key = @key AND outcome IS NULL RETURNING message_id",
                         ("@outcome", DbType.String), ("@detail", DbType.String), ("@at", DbType.DateTimeOffset), ("@bind", DbType.String), ("@key", DbType.String)))
        {
            foreach (var receipt in receipts)
            {
                if (await update.FirstRowAsync(receipt.Outcome.ToWire(), receipt.Detail, receipt.At, receipt.Bind, receipt.OperatorMessageKey) is [string messageId])
                    matched.Add(new Matched(messageId, receipt));
                else
                    missed.Add(receipt);
            }
        }
        var unmatched = new List<StatusEntry.Receipt>();
        foreach (var bind in missed.GroupBy(r => r.Bind))
        {
            var keys = bind.Select(r => r.OperatorMessageKey).Distinct().ToList();
            var known = (await db.GetTable<MessagePartRecord>().Where(p => p.Bind == bind.Key && keys.Contains(p.OperatorMessageKey))
                .Select(p => p.OperatorMessageKey).ToListAsync(ct)).ToHashSet();
            foreach (var receipt in bind.Where(r => !known.Contains(r.OperatorMessageKey)))
            {
                await db.InsertOrReplaceAsync(new UnmatchedReceiptRecord
                {
                    Bind = receipt.Bind, OperatorMessageKey = receipt.OperatorMessageKey, Outcome = receipt.Outcome.ToWire(), Detail = receipt.Detail, ReceivedAt = receipt.At,
                }, token: ct);
                unmatched.Add(receipt);
            }
        }
        return (matched, unmatched);
    }

    private sealed record Matched(string MessageId, StatusEntry.Receipt Receipt);

    /// <summary>Receipts that came before their part was stored, now that it is: taken out of waiting.</summary>
    private static async Task<List<StatusEntry.Receipt>> TakeWaitingReceiptsAsync(DataConnection db, List<StatusEntry.PartAccepted> accepted, CancellationToken ct)
    {
        var waiting = new List<StatusEntry.Receipt>();
        foreach (var bind in accepted.GroupBy(p => p.Mapping.Bind))
        {
            var keys = bind.Select(p => p.Mapping.OperatorMessageKey).ToList();
            var rows = await db.GetTable<UnmatchedReceiptRecord>().Where(r => r.Bind == bind.Key && keys.Contains(r.OperatorMessageKey)).ToListAsync(ct);
            if (rows.Count == 0)
                continue;
            var found = rows.Select(r => r.OperatorMessageKey).ToList();
            await db.GetTable<UnmatchedReceiptRecord>().Where(r => r.Bind == bind.Key && found.Contains(r.OperatorMessageKey)).DeleteAsync(ct);
            waiting.AddRange(rows.OrderBy(r => r.ReceivedAt).Select(r =>
                new StatusEntry.Receipt(r.Bind, r.OperatorMessageKey, MessageStatusNames.FromWire(r.Outcome), r.Detail, r.ReceivedAt)));
        }
        return waiting;
    }

    /// <summary>
    /// One prepared UPDATE per touched message carrying its latest status (and route, operator and price when
    /// the batch set them): building a LINQ query per message cost more than the database's work.
    /// </summary>
    private static async Task UpdateCurrentAsync(DataConnection db, IReadOnlyList<StatusChange> changes, CancellationToken ct)
    {
        await using var command = PreparedCommand.Create(db,
            "UPDATE messages SET status = @status, updated_at = @at, operator = COALESCE(@operator, operator), " +
            "bind = COALESCE(@bind, bind), price_ore = COALESCE(@price, price_ore) WHERE id = @id",
            ("@id", DbType.String), ("@status", DbType.String), ("@at", DbType.DateTimeOffset), ("@operator", DbType.String), ("@bind", DbType.String), ("@price", DbType.Int64));
        foreach (var group in changes.GroupBy(c => c.MessageId))
        {
            var last = group.Last();
            await command.RunAsync(last.MessageId, last.Status.ToWire(), last.At, group.LastOrDefault(c => c.Operator is not null)?.Operator?.ToString(),
                group.LastOrDefault(c => c.Bind is not null)?.Bind, group.LastOrDefault(c => c.PriceOre is not null)?.PriceOre);
        }
    }

    /// <summary>Unmatched receipts, newest first, for an operator to inspect.</summary>
    public async Task<IReadOnlyList<UnmatchedReceiptRecord>> UnmatchedReceiptsAsync(int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<UnmatchedReceiptRecord>().OrderByDescending(r => r.ReceivedAt).Take(limit).ToListAsync(ct);
    }

    private sealed record MessageHead(string Id, string AccountId, int Segments, string Status, string? Operator);
}
