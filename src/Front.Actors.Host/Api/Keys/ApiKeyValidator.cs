using System.Collections.Concurrent;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// Decides whether a presented customer key may be used for this request: it exists, is not revoked, and the
/// request comes from one of its allowed ranges. A refusal is left on the request for <see cref="ApiKeyChecks"/>
/// to answer 403 with its reason.
/// </summary>
public sealed class ApiKeyValidator(ApiKeyStore store, ApiKeyUsage usage, IOptions<ApiKeyOptions> options)
{
    /// <summary>The claim naming the key a caller used (<c>key_…</c>); the rate limit is kept per key by it.</summary>
    public const string KeyIdClaim = "key-id";

    private static readonly object RefusalItem = new();

    private sealed record Known(ApiKeyRecord Key, AccountRecord Account, IpRanges Ranges, DateTimeOffset Until);

    // In memory, per node: keys read recently (by hash), so not every request reads the database. Lost on restart
    // (keys are read again); another node has its own and may accept a key revoked here for up to CacheFor.
    private readonly ConcurrentDictionary<string, Known> _known = new();

    // Keys revoked through this node since it started: a lookup that read the row just before the revoke cannot
    // put the key back into the cache as valid. Grows by one id per revoke.
    private readonly ConcurrentDictionary<string, byte> _revokedHere = new();

    public async Task<ApiKeyCheck> CheckAsync(string presented, HttpContext http)
    {
        var now = DateTimeOffset.UtcNow;
        var hash = AccountStore.Hash(presented);
        if (!_known.TryGetValue(hash, out var known) || known.Until <= now)
        {
            _known.TryRemove(hash, out _);
            if (await store.FindAsync(hash, http.RequestAborted) is not { } found)
                return ApiKeyCheck.Unknown;
            var (key, account) = found;
            if (!IpRanges.TryParse(ApiKeyStore.AllowedIpsOf(key), out var ranges, out _))
                return Refuse(http, "this key's allowed addresses cannot be read; ask for a new key");
            known = new Known(key, account, ranges, now + options.Value.CacheFor);
            if (key.RevokedAt is null && options.Value.CacheFor > TimeSpan.Zero)
                _known[hash] = known;
        }
        if (known.Key.RevokedAt is not null || _revokedHere.ContainsKey(known.Key.Id))
            return ApiKeyCheck.Unknown;
        var address = http.Connection.RemoteIpAddress;
        if (!known.Ranges.IsAny && (address is null || !known.Ranges.Contains(address)))
            return Refuse(http, $"this key may be used only from {string.Join(", ", known.Ranges.Written)}, not from {address?.ToString() ?? "an unknown address"}");
        usage.Touch(known.Key.Id, now);
        return ApiKeyCheck.Valid(known.Key, known.Account);
    }

    private static ApiKeyCheck Refuse(HttpContext http, string reason)
    {
        http.Items[RefusalItem] = reason;
        return ApiKeyCheck.Refused(reason);
    }

    /// <summary>Makes a revoked key invalid on this node at once.</summary>
    public void Forget(string keyId)
    {
        _revokedHere[keyId] = 0;
        foreach (var (hash, known) in _known)
            if (known.Key.Id == keyId)
                _known.TryRemove(hash, out _);
    }

    /// <summary>Why this request's key was refused, if it was.</summary>
    public static string? RefusalOf(HttpContext http) => http.Items.TryGetValue(RefusalItem, out var reason) ? reason as string : null;
}
