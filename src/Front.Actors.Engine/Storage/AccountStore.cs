using System.Security.Cryptography;
using System.Text;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Accounts and their API keys (stored hashed).</summary>
public sealed class AccountStore(Database database)
{
    /// <summary>The SHA-256 of a secret (API key, session token) as stored; keys are looked up by it in <see cref="ApiKeyStore"/>.</summary>
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public async Task<IReadOnlyList<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<AccountRecord>().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
    }

    /// <summary>The names of the accounts among <paramref name="ids"/> that exist, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<AccountRecord>().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
    }

    /// <summary>Creates a new account with its first key; false if the id is taken.</summary>
    public async Task<bool> CreateAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        if (await db.GetTable<AccountRecord>().AnyAsync(a => a.Id == account.Id, ct))
            return false;
        await db.InsertAsync(account, token: ct);
        await db.InsertAsync(ApiKeyStore.NewRecord(account.Id, apiKey, ApiKeyStore.FirstKeyName), token: ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Creates the account and key if missing; used to seed local mode.</summary>
    public async Task EnsureAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(account, token: ct);
        var hash = Hash(apiKey);
        if (!await db.GetTable<ApiKeyRecord>().AnyAsync(k => k.KeyHash == hash, ct))
            await db.InsertAsync(ApiKeyStore.NewRecord(account.Id, apiKey, ApiKeyStore.FirstKeyName), token: ct);
    }

    /// <summary>
    /// Creates the account if missing and makes <paramref name="apiKey"/> its only key: local mode's demo account
    /// has exactly one valid key, the one printed at this start, however often the host starts.
    /// </summary>
    public async Task EnsureWithOnlyKeyAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.InsertOrReplaceAsync(account, token: ct);
        await db.GetTable<ApiKeyRecord>().Where(k => k.AccountId == account.Id).DeleteAsync(ct);
        await db.InsertAsync(ApiKeyStore.NewRecord(account.Id, apiKey, "demo"), token: ct);
        await transaction.CommitAsync(ct);
    }
}
