using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Agents;

/// <summary>
/// Agents as they were before users and roles: a user of the account's organization with the agent role on the
/// account (its home account) and on the accounts the provider grants. Kept for <c>POST /api/v1/agents</c> and
/// <c>PUT /api/v1/agents/{userName}/accounts</c>; everything is stored by <see cref="UserDirectory"/>.
/// </summary>
public sealed class AgentDirectory(UserDirectory users, HubConnections connections)
{
    /// <summary>Creates the agent in the account's organization, or says which field is wrong (and the status).</summary>
    public async Task<(UserRecord? Agent, int Status, string? Field, string? Reason)> CreateAsync(
        string accountId, string userName, string displayName, string password, CancellationToken ct = default)
    {
        if (await users.OrganizationOfAsync(accountId, ct) is not { } organization)
            return (null, 404, "account", $"no account '{accountId}'");
        return await users.CreateAsync(organization, userName, displayName, password, [new RoleGrant(accountId, Role.Agent)], ct: ct);
    }

    /// <summary>Seeds an agent with a known password (local mode); an existing one gets the password and role again.</summary>
    public async Task EnsureAsync(string accountId, string userName, string displayName, string password, CancellationToken ct = default)
    {
        var organization = await users.OrganizationOfAsync(accountId, ct) ?? throw new InvalidOperationException($"no account '{accountId}'");
        await users.EnsureAsync(organization, userName, displayName, password, [new RoleGrant(accountId, Role.Agent)], ct);
    }

    /// <summary>Whether the user exists and holds the agent role on the account.</summary>
    public async Task<bool> MayWorkInAsync(string userName, string accountId, CancellationToken ct = default) =>
        await users.FindAsync(userName, ct) is { } user
        && (await users.RolesOfAsync(user.Id, ct)).Any(r => r.Role == Role.Agent && r.AccountId == accountId);

    /// <summary>Sets the accounts an agent may work in besides its own (the provider grants these); its hub connections reconnect with them.</summary>
    public async Task<bool> GrantAsync(string userName, IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        if (await users.FindAsync(userName, ct) is not { } user)
            return false;
        await users.SetAgentAccountsAsync(user, accountIds, ct);
        connections.AbortUser(user.Id);
        return true;
    }
}
