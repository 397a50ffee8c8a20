using System.Security.Cryptography;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Customers' API keys (<c>api_keys</c>): made at random, stored only as a hash, named, restricted to address
/// ranges, revoked by a time (the row stays, with its account and times, for the record).
/// </summary>
public sealed class ApiKeyStore(Database database)
{
    public const string SecretPrefix = "fa_";
    public const string IdPrefix = "key_";

    /// <summary>The name keys got before keys had names: each account's first key, made with the account.</summary>
    public const string FirstKeyName = "first key";

    /// <summary>A new key: 32 random bytes, base64url, with a prefix a secret scanner (and a person) recognises.</summary>
    public static string NewSecret() => SecretPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static ApiKeyRecord NewRecord(string accountId, string secret, string name, IEnumerable<string>? allowedIps = null) => new()
    {
        KeyHash = AccountStore.Hash(secret), AccountId = accountId, CreatedAt = DateTimeOffset.UtcNow, Id = NewId(), Name = name,
        AllowedIps = string.Join(',', allowedIps ?? []),
    };

    public static IReadOnlyList<string> AllowedIpsOf(ApiKeyRecord key) =>
        string.IsNullOrEmpty(key.AllowedIps) ? [] : key.AllowedIps.Split(',');

    /// <summary>The key with this hash and its account, revoked or not (the caller decides what a revoked key means).</summary>
    public async Task<(ApiKeyRecord Key, AccountRecord Account)?> FindAsync(string keyHash, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var found = await (from k in db.GetTable<ApiKeyRecord>()
                           join a in db.GetTable<AccountRecord>() on k.AccountId equals a.Id
                           where k.KeyHash == keyHash
                           select new { k, a }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.k, found.a);
    }

    public async Task InsertAsync(ApiKeyRecord key, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertAsync(key, token: ct);
    }

    /// <summary>An account's keys, revoked ones too, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ApiKeyRecord>().Where(k => k.AccountId == accountId).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(ct);
    }

    /// <summary>Revokes the account's key (a second revoke keeps the first time); null when the account has no such key.</summary>
    public async Task<ApiKeyRecord?> RevokeAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<ApiKeyRecord>().Where(k => k.AccountId == accountId && k.Id == keyId && k.RevokedAt == null)
            .Set(k => k.RevokedAt, at).UpdateAsync(ct);
        return await db.GetTable<ApiKeyRecord>().FirstOrDefaultAsync(k => k.AccountId == accountId && k.Id == keyId, ct);
    }

    /// <summary>
    /// Writes last-used times gathered in memory, in one transaction. Another node may write an older time after a
    /// newer one; the times are right to about a minute either way.
    /// </summary>
    public async Task RecordUseAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> uses, CancellationToken ct = default)
    {
        if (uses.Count == 0)
            return;
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var (id, at) in uses)
            await db.GetTable<ApiKeyRecord>().Where(k => k.Id == id).Set(k => k.LastUsedAt, at).UpdateAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Databases made before keys had ids, names, ranges and times get the columns; each key stored then gets an id
    /// and the name <see cref="FirstKeyName"/>, may be used from anywhere and keeps working as before.
    /// </summary>
    public static void Upgrade(DataConnection db, StorageProvider provider)
    {
        var time = provider == StorageProvider.Sqlite ? "TEXT" : "timestamp with time zone";
        foreach (var (column, type) in new[] { ("id", "TEXT"), ("name", "TEXT"), ("last_used_at", time), ("allowed_ips", "TEXT"), ("revoked_at", time) })
        {
            try
            {
                db.Execute($"SELECT {column} FROM api_keys WHERE 1 = 0");
            }
            catch (System.Data.Common.DbException)
            {
                db.Execute($"ALTER TABLE api_keys ADD COLUMN {column} {type}");
            }
        }
        foreach (var hash in db.Query<string>("SELECT key_hash FROM api_keys WHERE id IS NULL OR id = ''").ToList())
            db.GetTable<ApiKeyRecord>().Where(k => k.KeyHash == hash).Set(k => k.Id, NewId()).Update();
        db.Execute($"UPDATE api_keys SET name = '{FirstKeyName}' WHERE name IS NULL");
        db.Execute("CREATE UNIQUE INDEX IF NOT EXISTS ux_api_keys_id ON api_keys (id)");
        db.Execute("CREATE INDEX IF NOT EXISTS ix_api_keys_account ON api_keys (account_id)");
    }
}
