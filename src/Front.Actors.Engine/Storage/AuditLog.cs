using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Who did what, when and from where: every moderator, operations and admin action, one row each, never changed.
/// Rows carry the account they concern ("provider" for provider-wide ones such as protected names), so an
/// account's admins can be shown theirs and the rows can be kept or erased per account later.
/// </summary>
public sealed class AuditLog(Database database)
{
    public const string ProviderScope = "provider";
    public const int MaxPage = 500;

    public async Task RecordAsync(AuditRecord entry, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertAsync(entry, token: ct);
    }

    /// <summary>Entries matching the filter, oldest first, after the position <paramref name="after"/> (0: from the start).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditFilter filter, long after, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<AuditRecord>().Where(a => a.Id > after);
        if (filter.AccountId is { } account)
            query = query.Where(a => a.AccountId == account);
        if (filter.Within is { } within)
        {
            var accounts = within.Accounts.ToList();
            var organizations = within.Organizations.ToList();
            query = query.Where(a => accounts.Contains(a.AccountId) || (a.OrganizationId != null && organizations.Contains(a.OrganizationId)));
        }
        if (filter.Actor is { } actor)
            query = query.Where(a => a.Actor == actor);
        if (filter.Action is { } action)
            query = query.Where(a => a.Action == action || a.Action.StartsWith(action + "."));
        if (filter.From is { } from)
            query = query.Where(a => a.At >= from);
        if (filter.To is { } to)
            query = query.Where(a => a.At < to);
        return await query.OrderBy(a => a.Id).Take(Math.Clamp(limit, 1, MaxPage)).ToListAsync(ct);
    }
}

/// <param name="Within">Only entries about these accounts or organizations (what an organization's admins may read); null: all.</param>
public sealed record AuditFilter(string? AccountId = null, string? Actor = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    AuditScope? Within = null);

/// <summary>The accounts and organizations whose entries a reader may see.</summary>
public sealed record AuditScope(IReadOnlyCollection<string> Accounts, IReadOnlyCollection<string> Organizations);

[Table("audit_log")]
public sealed class AuditRecord
{
    [Column("id"), PrimaryKey, Identity] public long Id { get; set; }
    [Column("at"), NotNull] public DateTimeOffset At { get; set; }
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("actor"), NotNull] public string Actor { get; set; } = "";
    [Column("actor_role"), NotNull] public string ActorRole { get; set; } = "";
    [Column("action"), NotNull] public string Action { get; set; } = "";
    [Column("target"), NotNull] public string Target { get; set; } = "";
    [Column("address"), NotNull] public string Address { get; set; } = "";
    [Column("details"), Nullable] public string? Details { get; set; }
    /// <summary>The organization the action concerns when it is about an organization rather than one account (added after the table).</summary>
    [Column("organization_id"), Nullable] public string? OrganizationId { get; set; }
}
