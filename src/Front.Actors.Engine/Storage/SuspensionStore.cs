using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Which accounts are suspended, for the pipelines of every node (read model of the account entities).</summary>
public sealed class SuspensionStore(Database database)
{
    public async Task SuspendAsync(string accountId, string moderator, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(new AccountSuspensionRecord { AccountId = accountId, Moderator = moderator, SuspendedAt = DateTimeOffset.UtcNow }, token: ct);
    }

    public async Task ResumeAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<AccountSuspensionRecord>().Where(s => s.AccountId == accountId).DeleteAsync(ct);
    }

    public async Task<IReadOnlySet<string>> SuspendedAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return (await db.GetTable<AccountSuspensionRecord>().Select(s => s.AccountId).ToListAsync(ct)).ToHashSet();
    }
}
