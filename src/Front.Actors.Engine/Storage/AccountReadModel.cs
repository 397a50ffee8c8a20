using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Messages;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// The one place that maps an account's journaled changes to its read model: <c>held_items</c>, the held messages a
/// decision moves (with their status history), and <c>account_suspensions</c>. Two writers call it with the same
/// changes: the moderation service right after the entity journaled a decision (so an approval releases at once) and
/// the decision projection that follows the journal (so a decision a crash left unreleased is released). Every change
/// is written only if it is not there yet (a decision only on an undecided item, a message moves only while held), in
/// one transaction with the projection's offset: whichever writer comes second changes nothing, and only the writer
/// that moved a message hands it to the pipeline.
/// </summary>
public sealed class AccountReadModel(Database database)
{
    public ProjectionOffsets Offsets { get; } = new(database);

    public async Task<AccountChangesApplied> ApplyAsync(IReadOnlyList<AccountChange> changes, ProjectionOffsetRecord? offset = null, CancellationToken ct = default)
    {
        var listed = new List<HeldItemRecord>();
        var recorded = new List<AccountChange.Decided>();
        var moved = new List<StatusChange>();
        var released = new List<string>();
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var change in changes)
        {
            switch (change)
            {
                case AccountChange.Held held when await ListAsync(db, held, ct) is { } item:
                    listed.Add(item);
                    break;
                case AccountChange.Decided decided when await RecordAsync(db, decided, moved, ct) is { } ids:
                    recorded.Add(decided);
                    if (decided.Approved)
                        released.AddRange(ids);
                    break;
                case AccountChange.Suspended suspended when !await db.GetTable<AccountSuspensionRecord>().AnyAsync(s => s.AccountId == suspended.AccountId, ct):
                    await db.InsertAsync(new AccountSuspensionRecord { AccountId = suspended.AccountId, Moderator = suspended.Moderator, SuspendedAt = suspended.At }, token: ct);
                    break;
                case AccountChange.Resumed resumed:
                    // A suspension stored after this resumption (stored before its own journal write) stays.
                    var row = await db.GetTable<AccountSuspensionRecord>().FirstOrDefaultAsync(s => s.AccountId == resumed.AccountId, ct);
                    if (row is not null && row.SuspendedAt <= resumed.At)
                        await db.GetTable<AccountSuspensionRecord>().Where(s => s.AccountId == resumed.AccountId).DeleteAsync(ct);
                    break;
            }
        }
        if (offset is not null)
            await db.InsertOrReplaceAsync(offset, token: ct);
        await transaction.CommitAsync(ct);
        return new AccountChangesApplied(listed, recorded, moved, released);
    }

    /// <summary>
    /// Lists a held item the send path did not (it stopped after storing the messages). Only once its messages are
    /// stored: a moderator must not decide an item whose messages are still on their way, or they would stay held.
    /// </summary>
    private static async Task<HeldItemRecord?> ListAsync(DataConnection db, AccountChange.Held held, CancellationToken ct)
    {
        var item = held.Item;
        if (await db.GetTable<HeldItemRecord>().AnyAsync(i => i.ItemId == item.ItemId, ct))
            return null;
        var ids = item.MessageIds.ToList();
        var first = await db.GetTable<MessageRecord>().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
        if (first is null)
            return null;
        var record = new HeldItemRecord
        {
            ItemId = item.ItemId, AccountId = held.AccountId, Rule = item.Rule.ToWire(), Details = item.Details, MessageCount = ids.Count,
            MessageIds = string.Join(',', ids), Preview = first.Text.Length > 160 ? first.Text[..160] : first.Text, HeldAt = item.HeldAt,
        };
        await db.InsertAsync(record, token: ct);
        return record;
    }

    /// <summary>Records the decision if the item is listed and undecided, and moves its messages still held; returns the moved ids, or null if nothing was recorded.</summary>
    private static async Task<List<string>?> RecordAsync(DataConnection db, AccountChange.Decided d, List<StatusChange> moved, CancellationToken ct)
    {
        var recorded = await db.GetTable<HeldItemRecord>().Where(i => i.ItemId == d.ItemId && i.Decision == null)
            .Set(i => i.Decision, d.Approved ? "approved" : "rejected")
            .Set(i => i.DecidedBy, d.Moderator)
            .Set(i => i.Reason, d.Reason)
            .Set(i => i.DecidedAt, d.At)
            .UpdateAsync(ct);
        if (recorded == 0)
            return null;
        var messageIds = (await db.GetTable<HeldItemRecord>().Where(i => i.ItemId == d.ItemId).Select(i => i.MessageIds).FirstAsync(ct))
            .Split(',', StringSplitOptions.RemoveEmptyEntries);
        var now = StatusTime.Now();
        var next = d.Approved ? MessageStatus.Accepted : MessageStatus.Rejected;
        var status = next.ToWire();
        var held = MessageStatus.Held.ToWire();
        var detail = $"{(d.Approved ? "approved" : "rejected")} by {d.Moderator}: {d.Reason}";
        var ids = new List<string>();
        foreach (var id in messageIds)
        {
            // Only messages still held move: a decision carried out twice changes nothing.
            if (await db.GetTable<MessageRecord>().Where(m => m.Id == id && m.Status == held).Set(m => m.Status, status).Set(m => m.UpdatedAt, now).UpdateAsync(ct) == 0)
                continue;
            await db.InsertAsync(new StatusHistoryRecord { MessageId = id, Status = status, At = now, Detail = detail }, token: ct);
            moved.Add(new StatusChange(id, d.AccountId, next, now, detail));
            ids.Add(id);
        }
        return ids;
    }
}
