using System.Collections.Concurrent;
using System.Security.Cryptography;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.AspNetCore.Identity;

namespace Front.Actors.Host.Agents;

/// <summary>
/// Agents and their sign-in: passwords hashed with ASP.NET Core Identity's hasher, sessions as random
/// tokens stored hashed with an expiry. A token is remembered briefly so each call does not read the table.
/// </summary>
public sealed class AgentDirectory(Database database)
{
    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);
    private readonly PasswordHasher<AgentRecord> _hasher = new();
    private readonly ConcurrentDictionary<string, (SignedInAgent Agent, DateTimeOffset Until)> _known = new();

    public async Task<AgentRecord?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<AgentRecord>().FirstOrDefaultAsync(a => a.UserName == userName, ct);
    }

    /// <summary>Creates the agent, or says which field is wrong.</summary>
    public async Task<(AgentRecord? Agent, string? Field, string? Reason)> CreateAsync(string accountId, string userName, string displayName, string password, CancellationToken ct = default)
    {
        if (await FindAsync(userName, ct) is not null)
            return (null, "userName", $"'{userName}' is taken");
        var agent = new AgentRecord { Id = "agt_" + Guid.CreateVersion7().ToString("N"), AccountId = accountId, UserName = userName, DisplayName = displayName };
        agent.PasswordHash = _hasher.HashPassword(agent, password);
        await using var db = database.Open();
        await db.InsertAsync(agent, token: ct);
        return (agent, null, null);
    }

    /// <summary>Seeds an agent with a known password (local mode); an existing one gets the password again.</summary>
    public async Task EnsureAsync(string accountId, string userName, string displayName, string password, CancellationToken ct = default)
    {
        var agent = await FindAsync(userName, ct) ?? new AgentRecord { Id = "agt_" + Guid.CreateVersion7().ToString("N"), UserName = userName };
        agent.AccountId = accountId;
        agent.DisplayName = displayName;
        agent.PasswordHash = _hasher.HashPassword(agent, password);
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(agent, token: ct);
    }

    /// <summary>Checks the password and opens a session; null when the user name or password is wrong.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt, AgentRecord Agent)?> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var agent = await FindAsync(userName, ct);
        if (agent is null || _hasher.VerifyHashedPassword(agent, agent.PasswordHash, password) == PasswordVerificationResult.Failed)
            return null;
        var token = "agt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var expires = DateTimeOffset.UtcNow + SessionLength;
        await using var db = database.Open();
        await db.InsertAsync(new AgentSessionRecord { TokenHash = AccountStore.Hash(token), AgentId = agent.Id, ExpiresAt = expires }, token: ct);
        return (token, expires, agent);
    }

    /// <summary>The agent of a live session token and the accounts it may work in (its own first), or null.</summary>
    public async Task<SignedInAgent?> FindBySessionAsync(string token, CancellationToken ct = default)
    {
        var hash = AccountStore.Hash(token);
        var now = DateTimeOffset.UtcNow;
        if (_known.TryGetValue(hash, out var known) && known.Until > now)
            return known.Agent;
        await using var db = database.Open();
        var session = await db.GetTable<AgentSessionRecord>().FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (session is null || session.ExpiresAt <= now)
            return null;
        var agent = await db.GetTable<AgentRecord>().FirstOrDefaultAsync(a => a.Id == session.AgentId, ct);
        if (agent is null)
            return null;
        var granted = await db.GetTable<AgentAccountRecord>().Where(g => g.AgentId == agent.Id).Select(g => g.AccountId).ToListAsync(ct);
        var signedIn = new SignedInAgent(agent, [agent.AccountId, .. granted.Where(a => a != agent.AccountId).Order()]);
        _known[hash] = (signedIn, now + RememberFor < session.ExpiresAt ? now + RememberFor : session.ExpiresAt);
        return signedIn;
    }

    /// <summary>Whether the agent exists and may work in the account (its own, or one granted to it).</summary>
    public async Task<bool> MayWorkInAsync(string userName, string accountId, CancellationToken ct = default)
    {
        if (await FindAsync(userName, ct) is not { } agent)
            return false;
        if (agent.AccountId == accountId)
            return true;
        await using var db = database.Open();
        return await db.GetTable<AgentAccountRecord>().AnyAsync(g => g.AgentId == agent.Id && g.AccountId == accountId, ct);
    }

    /// <summary>Sets the accounts an agent may work in besides its own (the provider grants these).</summary>
    public async Task<bool> GrantAsync(string userName, IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        if (await FindAsync(userName, ct) is not { } agent)
            return false;
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<AgentAccountRecord>().Where(g => g.AgentId == agent.Id).DeleteAsync(ct);
        foreach (var accountId in accountIds.Where(a => a != agent.AccountId).Distinct())
            await db.InsertAsync(new AgentAccountRecord { AgentId = agent.Id, AccountId = accountId }, token: ct);
        await transaction.CommitAsync(ct);
        _known.Clear(); // sessions pick the change up at once
        return true;
    }
}

/// <summary>A signed-in agent and the accounts it may see: its own first, then those granted.</summary>
public sealed record SignedInAgent(AgentRecord Agent, IReadOnlyList<string> Accounts);
