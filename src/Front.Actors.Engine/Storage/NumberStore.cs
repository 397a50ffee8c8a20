using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>The numbers' read model, read for listings and start-up (written by <see cref="NumberReadModel"/>).</summary>
public sealed class NumberStore(Database database)
{
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
