using System.Security.Cryptography;
using System.Text;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Accounts and their API keys (stored hashed).</summary>
public sealed class AccountStore(Database database)
{
    // Every API call authenticates; a known key is remembered briefly instead of read each time.
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AccountRecord Account, DateTime Until)> _known = new();

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public async Task<AccountRecord?> FindByApiKeyAsync(string apiKey, CancellationToken ct = default)
    {
        var hash = Hash(apiKey);
        if (_known.TryGetValue(hash, out var known) && known.Until > DateTime.UtcNow)
            return known.Account;
        await using var db = database.Open();
        var key = await db.GetTable<ApiKeyRecord>().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        var account = key is null ? null : await db.GetTable<AccountRecord>().FirstOrDefaultAsync(a => a.Id == key.AccountId, ct);
        if (account is not null)
            _known[hash] = (account, DateTime.UtcNow + RememberFor);
        return account;
    }

    public async Task<IReadOnlyList<string>> ExistingAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<AccountRecord>().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Creates a new account with its first key; false if the id is taken.</summary>
    public async Task<bool> CreateAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        if (await db.GetTable<AccountRecord>().AnyAsync(a => a.Id == account.Id, ct))
            return false;
        await db.InsertAsync(account, token: ct);
        await db.InsertAsync(new ApiKeyRecord { KeyHash = Hash(apiKey), AccountId = account.Id, CreatedAt = DateTimeOffset.UtcNow }, token: ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Creates the account and key if missing; used to seed local mode.</summary>
    public async Task EnsureAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(account, token: ct);
        await db.InsertOrReplaceAsync(new ApiKeyRecord { KeyHash = Hash(apiKey), AccountId = account.Id, CreatedAt = DateTimeOffset.UtcNow }, token: ct);
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
        await db.InsertAsync(new ApiKeyRecord { KeyHash = Hash(apiKey), AccountId = account.Id, CreatedAt = DateTimeOffset.UtcNow }, token: ct);
        await transaction.CommitAsync(ct);
    }
}
