using Front.Actors.Engine.ShortNumbers;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>The numbers' read model: written after their entity journaled a change, read for listings and start-up.</summary>
public sealed class NumberStore(Database database)
{
    /// <summary>Replaces what is stored about the number with the entity's state.</summary>
    public async Task SaveAsync(string number, ShortNumberState state, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<NumberRecord>().Where(n => n.Number == number).DeleteAsync(ct);
        await db.GetTable<KeywordRecord>().Where(k => k.Number == number).DeleteAsync(ct);
        if (state.OwnerAccountId is { } owner)
            await db.InsertAsync(new NumberRecord
            {
                Number = number, OwnerAccountId = owner, Shared = state.Shared, DefaultReply = state.DefaultReply, MessagesPerSecond = state.MessagesPerSecond,
            }, token: ct);
        foreach (var (keyword, entry) in state.Keywords)
            await db.InsertAsync(new KeywordRecord { Number = number, Keyword = keyword, AccountId = entry.AccountId }, token: ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<NumberRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<NumberRecord>().OrderBy(n => n.Number).ToListAsync(ct);
    }

    /// <summary>The numbers an account owns outright (not the shared ones it only has keywords on).</summary>
    public async Task<IReadOnlyList<NumberRecord>> OwnedByAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<NumberRecord>().Where(n => n.OwnerAccountId == accountId && !n.Shared).OrderBy(n => n.Number).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<KeywordRecord>> KeywordsOfAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<KeywordRecord>().Where(k => k.AccountId == accountId).OrderBy(k => k.Number).ThenBy(k => k.Keyword).ToListAsync(ct);
    }

    /// <summary>The keywords on one (shared) number, of every account.</summary>
    public async Task<IReadOnlyList<KeywordRecord>> KeywordsOnAsync(string number, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<KeywordRecord>().Where(k => k.Number == number).OrderBy(k => k.Keyword).ToListAsync(ct);
    }
}
