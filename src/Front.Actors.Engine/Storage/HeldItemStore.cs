using Front.Actors.Engine.Messages;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>The moderators' view of held sends, and the message-side effects of their decisions.</summary>
public sealed class HeldItemStore(Database database)
{
    public async Task AddAsync(HeldItemRecord item, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertAsync(item, token: ct);
    }

    public async Task<HeldItemRecord?> FindAsync(string itemId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<HeldItemRecord>().FirstOrDefaultAsync(i => i.ItemId == itemId, ct);
    }

    public async Task<IReadOnlyList<HeldItemRecord>> ListUndecidedAsync(string? accountId, string? rule, DateTimeOffset? heldBefore = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<HeldItemRecord>().Where(i => i.Decision == null);
        if (accountId is not null)
            query = query.Where(i => i.AccountId == accountId);
        if (rule is not null)
            query = query.Where(i => i.Rule == rule);
        if (heldBefore is { } before)
            query = query.Where(i => i.HeldAt <= before);
        return await query.OrderBy(i => i.HeldAt).ToListAsync(ct);
    }

    /// <summary>
    /// One page of undecided items ordered by age (<paramref name="newestFirst"/> or oldest first, ties by id), after
    /// the item <paramref name="after"/> (the last one of the previous page). Paging by position in this order, not
    /// by offset, so items decided meanwhile neither skip nor repeat any. One more than asked is read to tell
    /// whether another page follows.
    /// </summary>
    public async Task<(IReadOnlyList<HeldItemRecord> Items, bool More)> PageUndecidedAsync(
        string? accountId, string? rule, DateTimeOffset? heldBefore, bool newestFirst, (DateTimeOffset HeldAt, string ItemId)? after, int limit,
        CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<HeldItemRecord>().Where(i => i.Decision == null);
        if (accountId is not null)
            query = query.Where(i => i.AccountId == accountId);
        if (rule is not null)
            query = query.Where(i => i.Rule == rule);
        if (heldBefore is { } before)
            query = query.Where(i => i.HeldAt <= before);
        if (after is var (heldAt, itemId))
            query = newestFirst
                ? query.Where(i => i.HeldAt < heldAt || (i.HeldAt == heldAt && string.Compare(i.ItemId, itemId) < 0))
                : query.Where(i => i.HeldAt > heldAt || (i.HeldAt == heldAt && string.Compare(i.ItemId, itemId) > 0));
        query = newestFirst ? query.OrderByDescending(i => i.HeldAt).ThenByDescending(i => i.ItemId) : query.OrderBy(i => i.HeldAt).ThenBy(i => i.ItemId);
        var page = await query.Take(limit + 1).ToListAsync(ct);
        return (page.Take(limit).ToList(), page.Count > limit);
    }

    /// <summary>
    /// Records the decision and moves the item's held messages on: back to accepted, or rejected. Returns the steps it
    /// stored (only messages still held move), for the status writer to push.
    /// </summary>
    public async Task<IReadOnlyList<StatusChange>> RecordDecisionAsync(
        string itemId, string accountId, IReadOnlyList<string> messageIds, bool approved, string moderator, string reason, CancellationToken ct = default)
    {
        var now = StatusTime.Now();
        var next = approved ? MessageStatus.Accepted : MessageStatus.Rejected;
        var status = next.ToWire();
        var held = MessageStatus.Held.ToWire();
        var detail = $"{(approved ? "approved" : "rejected")} by {moderator}: {reason}";
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<HeldItemRecord>().Where(i => i.ItemId == itemId)
            .Set(i => i.Decision, approved ? "approved" : "rejected")
            .Set(i => i.DecidedBy, moderator)
            .Set(i => i.Reason, reason)
            .Set(i => i.DecidedAt, now)
            .UpdateAsync(ct);
        var stored = new List<StatusChange>(messageIds.Count);
        foreach (var id in messageIds)
        {
            // Only messages still held move: a repeated release changes nothing.
            var moved = await db.GetTable<MessageRecord>().Where(m => m.Id == id && m.Status == held)
                .Set(m => m.Status, status).Set(m => m.UpdatedAt, now).UpdateAsync(ct);
            if (moved == 0)
                continue;
            await db.InsertAsync(new StatusHistoryRecord { MessageId = id, Status = status, At = now, Detail = detail }, token: ct);
            stored.Add(new StatusChange(id, accountId, next, now, detail));
        }
        await transaction.CommitAsync(ct);
        return stored;
    }

    public async Task<IReadOnlyList<string>> MessageIdsAsync(string itemId, CancellationToken ct = default) =>
        (await FindAsync(itemId, ct))?.MessageIds.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public async Task<IReadOnlyList<MessageRecord>> MessagesAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<MessageRecord>().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
    }
}
