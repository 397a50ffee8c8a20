using System.Security.Cryptography;
using System.Text;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Accounts and their API keys (stored hashed).</summary>
public sealed class AccountStore(Database database)
{
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public async Task<AccountRecord?> FindByApiKeyAsync(string apiKey, CancellationToken ct = default)
    {
        var hash = Hash(apiKey);
        await using var db = database.Open();
        var key = await db.GetTable<ApiKeyRecord>().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        return key is null ? null : await db.GetTable<AccountRecord>().FirstOrDefaultAsync(a => a.Id == key.AccountId, ct);
    }

    /// <summary>Creates the account and key if missing; used to seed local mode.</summary>
    public async Task EnsureAsync(AccountRecord account, string apiKey, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(account, token: ct);
        await db.InsertOrReplaceAsync(new ApiKeyRecord { KeyHash = Hash(apiKey), AccountId = account.Id, CreatedAt = DateTimeOffset.UtcNow }, token: ct);
    }
}
