using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Host.Identity;

/// <summary>An organization's sign-in rules as the rest of the host uses them.</summary>
public sealed record OrganizationSecurity(bool RequireTwoFactor, IpRanges TrustedIpRanges)
{
    public static OrganizationSecurity None { get; } = new(false, IpRanges.Any);
}

/// <summary>
/// Organizations (customer companies with their organisasjonsnummer) and their security settings, in the read-model
/// database. Who may change them is decided by the endpoints; the rules about numbers and ranges by the domain.
/// </summary>
public sealed class OrganizationDirectory(Database database, TimeProvider time)
{
    /// <summary>Creates an organization; null when the number is already an organization's (the caller answers 409).</summary>
    public async Task<OrganizationRecord?> CreateAsync(string name, string organisasjonsnummer, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (await db.GetTable<OrganizationRecord>().AnyAsync(o => o.Organisasjonsnummer == organisasjonsnummer, ct))
            return null;
        var organization = new OrganizationRecord
        {
            Id = "org_" + Guid.CreateVersion7().ToString("N"), Name = name, Organisasjonsnummer = organisasjonsnummer, CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await db.InsertAsync(organization, token: ct);
        }
        catch (System.Data.Common.DbException)
        {
            // A concurrent create with the same number won (the unique index); anything else is storage trouble.
            if (await db.GetTable<OrganizationRecord>().AnyAsync(o => o.Organisasjonsnummer == organisasjonsnummer, ct))
                return null;
            throw;
        }
        return organization;
    }

    /// <summary>Makes the organization the owner of an account (a new account, before anyone has asked whose it is).</summary>
    public async Task LinkAsync(string accountId, string organizationId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(new OrganizationAccountRecord { AccountId = accountId, OrganizationId = organizationId, LinkedAt = time.GetUtcNow() }, token: ct);
    }

    public async Task<OrganizationRecord?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<OrganizationRecord>().FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>Every organization with the accounts it owns, by name.</summary>
    public async Task<IReadOnlyList<(OrganizationRecord Organization, IReadOnlyList<string> Accounts)>> ListAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var organizations = await db.GetTable<OrganizationRecord>().OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(ct);
        var links = (await db.GetTable<OrganizationAccountRecord>().ToListAsync(ct)).ToLookup(l => l.OrganizationId, l => l.AccountId);
        return organizations.Select(o => (o, (IReadOnlyList<string>)links[o.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task<OrganizationSecurity> SecurityOfAsync(string organizationId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var row = await db.GetTable<OrganizationSecurityRecord>().FirstOrDefaultAsync(s => s.OrganizationId == organizationId, ct);
        if (row is null)
            return OrganizationSecurity.None;
        // Stored only after it parsed: a row that no longer parses trusts nothing rather than everything.
        var ranges = IpRanges.TryParse(row.TrustedIpRanges.Split(',', StringSplitOptions.RemoveEmptyEntries), out var parsed, out _) ? parsed : IpRanges.Any;
        return new OrganizationSecurity(row.RequireTwoFactor, ranges);
    }

    public async Task SetSecurityAsync(string organizationId, OrganizationSecurity security, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(new OrganizationSecurityRecord
        {
            OrganizationId = organizationId, RequireTwoFactor = security.RequireTwoFactor, TrustedIpRanges = string.Join(',', security.TrustedIpRanges.Written),
            UpdatedAt = time.GetUtcNow(),
        }, token: ct);
    }
}
