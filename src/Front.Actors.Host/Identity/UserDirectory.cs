using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.AspNetCore.Identity;

namespace Front.Actors.Host.Identity;

/// <summary>
/// Organizations, their users and the users' roles, in the read-model database. Passwords are hashed with ASP.NET
/// Core Identity's hasher; nothing here decides who may call what (that is <see cref="AccountRoleRequirement"/>).
/// </summary>
public sealed class UserDirectory(Database database)
{
    private readonly PasswordHasher<UserRecord> _hasher = new();

    /// <summary>A hash of a password nobody has, checked for unknown users so they cost a sign-in as much as known ones.</summary>
    private readonly Lazy<string> _dummyHash = new(() => new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), Guid.NewGuid().ToString()));

    public async Task<UserRecord?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<UserRecord>().FirstOrDefaultAsync(u => u.UserName == userName && u.DisabledAt == null, ct);
    }

    public async Task<UserRecord?> FindByIdAsync(string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<UserRecord>().FirstOrDefaultAsync(u => u.Id == id && u.DisabledAt == null, ct);
    }

    /// <summary>Whether the password is the user's; an unknown user is checked against a dummy hash (same work, same answer).</summary>
    public bool Verify(UserRecord? user, string password)
    {
        if (user is null)
        {
            _hasher.VerifyHashedPassword(new UserRecord(), _dummyHash.Value, password);
            return false;
        }
        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    public async Task<IReadOnlyList<RoleGrant>> RolesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await RolesOfAsync(db, userId, ct);
    }

    private static async Task<IReadOnlyList<RoleGrant>> RolesOfAsync(DataConnection db, string userId, CancellationToken ct) =>
        (await db.GetTable<UserRoleRecord>().Where(r => r.UserId == userId).ToListAsync(ct))
        .Select(r => RoleNames.FromWire(r.Role) is { } role ? new RoleGrant(r.AccountId, role) : null)
        .OfType<RoleGrant>().ToList();

    /// <summary>The organization that owns an account; an account made without one gets an organization of its own (named as the account says).</summary>
    public async Task<string?> OrganizationOfAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var link = await db.GetTable<OrganizationAccountRecord>().FirstOrDefaultAsync(l => l.AccountId == accountId, ct);
        if (link is not null)
            return link.OrganizationId;
        var account = await db.GetTable<AccountRecord>().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
            return null;
        return await LinkOwnOrganizationAsync(db, account, ct);
    }

    private static async Task<string> LinkOwnOrganizationAsync(DataConnection db, AccountRecord account, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var orgId = "org-" + account.Id;
        await db.InsertOrReplaceAsync(new OrganizationRecord { Id = orgId, Name = string.IsNullOrWhiteSpace(account.Organization) ? account.Name : account.Organization, CreatedAt = now }, token: ct);
        await db.InsertOrReplaceAsync(new OrganizationAccountRecord { AccountId = account.Id, OrganizationId = orgId, LinkedAt = now }, token: ct);
        return orgId;
    }

    /// <summary>The accounts an organization owns.</summary>
    public async Task<IReadOnlyList<string>> AccountsOfAsync(string organizationId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<OrganizationAccountRecord>().Where(l => l.OrganizationId == organizationId).Select(l => l.AccountId).ToListAsync(ct);
    }

    /// <summary>
    /// Start-up migration, idempotent: every account gets an organization of its own, the provider's organization
    /// exists, and agents made before users existed become users with the agent role on their account and on those
    /// granted to them, keeping their password and live sessions.
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var now = DateTimeOffset.UtcNow;
        if (!await db.GetTable<OrganizationRecord>().AnyAsync(o => o.Id == OrganizationRecord.ProviderId, ct))
            await db.InsertAsync(new OrganizationRecord { Id = OrganizationRecord.ProviderId, Name = "The provider", CreatedAt = now }, token: ct);
        var linked = await db.GetTable<OrganizationAccountRecord>().Select(l => l.AccountId).ToListAsync(ct);
        foreach (var account in (await db.GetTable<AccountRecord>().ToListAsync(ct)).Where(a => !linked.Contains(a.Id)))
            await LinkOwnOrganizationAsync(db, account, ct);
        var users = (await db.GetTable<UserRecord>().Select(u => u.UserName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var agent in (await db.GetTable<AgentRecord>().ToListAsync(ct)).Where(a => !users.Contains(a.UserName)))
        {
            var organization = await db.GetTable<OrganizationAccountRecord>().Where(l => l.AccountId == agent.AccountId).Select(l => l.OrganizationId).FirstOrDefaultAsync(ct);
            await db.InsertAsync(new UserRecord
            {
                Id = agent.Id, OrganizationId = organization ?? "org-" + agent.AccountId, UserName = agent.UserName, DisplayName = agent.DisplayName,
                PasswordHash = agent.PasswordHash, HomeAccountId = agent.AccountId, CreatedAt = now,
            }, token: ct);
            var granted = await db.GetTable<AgentAccountRecord>().Where(g => g.AgentId == agent.Id).Select(g => g.AccountId).ToListAsync(ct);
            foreach (var account in granted.Prepend(agent.AccountId).Distinct())
                await db.InsertAsync(Grant(agent.Id, new RoleGrant(account, Role.Agent), now), token: ct);
            foreach (var session in await db.GetTable<AgentSessionRecord>().Where(s => s.AgentId == agent.Id && s.ExpiresAt > now).ToListAsync(ct))
                await db.InsertAsync(new SessionRecord
                {
                    TokenHash = session.TokenHash, UserId = agent.Id, OrganizationId = organization ?? "", CreatedAt = now, ExpiresAt = session.ExpiresAt, Address = "",
                }, token: ct);
        }
    }

    /// <summary>Creates a user, or says which field is wrong and why (the status with it).</summary>
    public async Task<(UserRecord? User, int Status, string? Field, string? Reason)> CreateAsync(
        string organizationId, string userName, string displayName, string password, IReadOnlyCollection<RoleGrant> roles, string? mobile = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (await db.GetTable<UserRecord>().AnyAsync(u => u.UserName == userName, ct))
            return (null, 409, "userName", $"'{userName}' is taken");
        var now = DateTimeOffset.UtcNow;
        var user = new UserRecord
        {
            Id = "usr_" + Guid.CreateVersion7().ToString("N"), OrganizationId = organizationId, UserName = userName, DisplayName = displayName,
            HomeAccountId = HomeOf(roles), CreatedAt = now, Mobile = mobile,
        };
        user.PasswordHash = _hasher.HashPassword(user, password);
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.InsertAsync(user, token: ct);
        foreach (var role in roles.Distinct())
            await db.InsertAsync(Grant(user.Id, role, now), token: ct);
        await transaction.CommitAsync(ct);
        return (user, 201, null, null);
    }

    /// <summary>Seeds a user with a known password and exactly these roles (local mode); an existing one gets them again (and the mobile, when given).</summary>
    public async Task EnsureAsync(string organizationId, string userName, string displayName, string password, IReadOnlyCollection<RoleGrant> roles, CancellationToken ct = default,
        string? mobile = null)
    {
        await using var db = database.Open();
        var user = await db.GetTable<UserRecord>().FirstOrDefaultAsync(u => u.UserName == userName, ct)
                   ?? new UserRecord { Id = "usr_" + Guid.CreateVersion7().ToString("N"), UserName = userName, CreatedAt = DateTimeOffset.UtcNow };
        user.OrganizationId = organizationId;
        user.DisplayName = displayName;
        user.HomeAccountId = HomeOf(roles);
        user.DisabledAt = null;
        user.PasswordHash = _hasher.HashPassword(user, password);
        user.Mobile = mobile ?? user.Mobile;
        await db.InsertOrReplaceAsync(user, token: ct);
        await ReplaceRolesAsync(db, user.Id, roles, keepAccounts: null, ct);
    }

    /// <summary>
    /// Replaces the user's roles: customer roles only on <paramref name="scope"/>'s accounts (an admin changes only
    /// what their organization owns), or the staff roles when scope is null. The home account follows the roles.
    /// </summary>
    public async Task SetRolesAsync(UserRecord user, IReadOnlyCollection<RoleGrant> roles, IReadOnlyCollection<string>? scope, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await ReplaceRolesAsync(db, user.Id, roles, scope, ct);
        var all = await RolesOfAsync(db, user.Id, ct);
        var home = user.HomeAccountId is not null && all.Any(r => r.AccountId == user.HomeAccountId) ? user.HomeAccountId : HomeOf(all);
        await db.GetTable<UserRecord>().Where(u => u.Id == user.Id).Set(u => u.HomeAccountId, home).UpdateAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task ReplaceRolesAsync(DataConnection db, string userId, IReadOnlyCollection<RoleGrant> roles, IReadOnlyCollection<string>? keepAccounts, CancellationToken ct)
    {
        var existing = await db.GetTable<UserRoleRecord>().Where(r => r.UserId == userId).ToListAsync(ct);
        // Only the rows this caller may change are replaced: an organization's admin leaves staff roles and other organizations' accounts alone.
        var replaced = existing.Where(r => keepAccounts is null || (r.AccountId is not null && keepAccounts.Contains(r.AccountId))).ToList();
        foreach (var row in replaced)
            await db.GetTable<UserRoleRecord>().Where(r => r.Id == row.Id).DeleteAsync(ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var role in roles.Distinct())
            await db.InsertAsync(Grant(userId, role, now), token: ct);
    }

    /// <summary>The agent role on exactly these accounts besides the user's home account (the provider grants them).</summary>
    public async Task SetAgentAccountsAsync(UserRecord user, IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        var agent = Role.Agent.ToWire();
        await db.GetTable<UserRoleRecord>().Where(r => r.UserId == user.Id && r.Role == agent && r.AccountId != user.HomeAccountId).DeleteAsync(ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var account in accountIds.Where(a => a != user.HomeAccountId).Distinct())
            await db.InsertAsync(Grant(user.Id, new RoleGrant(account, Role.Agent), now), token: ct);
        await transaction.CommitAsync(ct);
    }

    public async Task SetMobileAsync(UserRecord user, string? mobile, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<UserRecord>().Where(u => u.Id == user.Id).Set(u => u.Mobile, mobile).UpdateAsync(ct);
    }

    public async Task SetPasswordAsync(UserRecord user, string password, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.GetTable<UserRecord>().Where(u => u.Id == user.Id).Set(u => u.PasswordHash, _hasher.HashPassword(user, password)).UpdateAsync(ct);
    }

    /// <summary>Disables the user and takes their roles away; the row stays so the audit log's names keep meaning something.</summary>
    public async Task DisableAsync(UserRecord user, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<UserRecord>().Where(u => u.Id == user.Id).Set(u => u.DisabledAt, DateTimeOffset.UtcNow).UpdateAsync(ct);
        await db.GetTable<UserRoleRecord>().Where(r => r.UserId == user.Id).DeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The live users of an organization with their roles.</summary>
    public async Task<IReadOnlyList<(UserRecord User, IReadOnlyList<RoleGrant> Roles)>> ListAsync(string organizationId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var users = await db.GetTable<UserRecord>().Where(u => u.OrganizationId == organizationId && u.DisabledAt == null).OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<(UserRecord, IReadOnlyList<RoleGrant>)>();
        foreach (var user in users)
            result.Add((user, await RolesOfAsync(db, user.Id, ct)));
        return result;
    }

    private static string? HomeOf(IEnumerable<RoleGrant> roles) => roles.Select(r => r.AccountId).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();

    private static UserRoleRecord Grant(string userId, RoleGrant role, DateTimeOffset now) => new()
    {
        Id = "rol_" + Guid.CreateVersion7().ToString("N"), UserId = userId, AccountId = role.AccountId, Role = role.Role.ToWire(), GrantedAt = now,
    };
}
