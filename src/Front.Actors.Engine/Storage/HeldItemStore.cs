using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>The moderators' view of held sends (decisions are written by <see cref="AccountReadModel"/>).</summary>
public sealed class HeldItemStore(Database database)
{
    /// <summary>Lists a held item unless the decision projection listed it first (then it stays as it is, decided or not).</summary>
    public async Task AddAsync(HeldItemRecord item, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        if (!await db.GetTable<HeldItemRecord>().AnyAsync(i => i.ItemId == item.ItemId, ct))
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

    public async Task<IReadOnlyList<MessageRecord>> MessagesAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<MessageRecord>().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
    }
}
