using System.Security.Cryptography;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Host.Identity;

/// <summary>
/// Sessions as random tokens stored hashed. Each request reads its session row (no cache), so a revocation or an
/// expiry takes effect at once on every node; a revocation also closes the session's hub connections here.
/// </summary>
public sealed class SessionStore(Database database, UserDirectory users, HubConnections connections)
{
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> OpenAsync(UserRecord user, string address, CancellationToken ct = default)
    {
        var token = "ses-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        await db.InsertAsync(new SessionRecord
        {
            TokenHash = AccountStore.Hash(token), UserId = user.Id, OrganizationId = user.OrganizationId, CreatedAt = now, ExpiresAt = now + SessionLength, Address = address,
        }, token: ct);
        return (token, now + SessionLength);
    }

    /// <summary>The live session of a token, with its user and the user's roles now; null when unknown, expired, revoked or the user is disabled.</summary>
    public async Task<SignedInUser?> FindAsync(string token, CancellationToken ct = default)
    {
        var hash = AccountStore.Hash(token);
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        var session = await db.GetTable<SessionRecord>().FirstOrDefaultAsync(s => s.TokenHash == hash && s.RevokedAt == null && s.ExpiresAt > now, ct);
        if (session is null || await users.FindByIdAsync(session.UserId, ct) is not { } user)
            return null;
        return new SignedInUser(user, await users.RolesOfAsync(user.Id, ct), hash);
    }

    /// <summary>Ends one session (sign-out) and closes its hub connections.</summary>
    public async Task RevokeAsync(string sessionHash, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<SessionRecord>().Where(s => s.TokenHash == sessionHash && s.RevokedAt == null).Set(s => s.RevokedAt, DateTimeOffset.UtcNow).UpdateAsync(ct);
        connections.AbortSession(sessionHash);
    }

    /// <summary>Ends every session of a user (disabled, password changed or reset) and closes their hub connections.</summary>
    public async Task RevokeAllAsync(string userId, string? exceptSessionHash = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<SessionRecord>().Where(s => s.UserId == userId && s.RevokedAt == null && s.TokenHash != exceptSessionHash)
            .Set(s => s.RevokedAt, DateTimeOffset.UtcNow).UpdateAsync(ct);
        connections.AbortUser(userId, exceptSessionHash);
    }
}

/// <summary>A signed-in user as one request sees them: the user, their roles now, and the session's token hash.</summary>
public sealed record SignedInUser(UserRecord User, IReadOnlyList<RoleGrant> Roles, string SessionHash);
