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

    /// <summary>
    /// The account's opt-out line (for templates' previews and campaigns): its keyword on a shared number, else a number
    /// of its own, in the words the STOPP handling understands; null when STOPP has nowhere to reach it.
    /// </summary>
    public async Task<string?> OptOutFooterAsync(string accountId, CancellationToken ct = default)
    {
        var shared = (await ListAsync(ct)).Where(n => n.Shared).Select(n => n.Number).ToHashSet(StringComparer.Ordinal);
        if ((await KeywordsOfAsync(accountId, ct)).FirstOrDefault(k => shared.Contains(k.Number)) is { } keyword)
            return Domain.Templates.OptOutFooter.ForKeyword(keyword.Keyword, keyword.Number);
        return (await OwnedByAsync(accountId, ct)).FirstOrDefault() is { } own ? Domain.Templates.OptOutFooter.ForOwnNumber(own.Number) : null;
    }

    /// <summary>The keywords on one (shared) number, of every account.</summary>
    public async Task<IReadOnlyList<KeywordRecord>> KeywordsOnAsync(string number, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<KeywordRecord>().Where(k => k.Number == number).OrderBy(k => k.Keyword).ToListAsync(ct);
    }
}
