using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>A customer company (or the provider itself, <see cref="ProviderId"/>, whose users are staff).</summary>
[Table("organizations")]
public sealed class OrganizationRecord
{
    public const string ProviderId = "provider";

    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    /// <summary>The nine digits Brønnøysundregistrene gave it; null for organizations made before it was asked for.</summary>
    [Column("organisasjonsnummer")] public string? Organisasjonsnummer { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Which organization owns an account (one row per account; kept beside <c>accounts</c> so that table stays as it was).</summary>
[Table("organization_accounts")]
public sealed class OrganizationAccountRecord
{
    [Column("account_id"), PrimaryKey, NotNull] public string AccountId { get; set; } = "";
    [Column("organization_id"), NotNull] public string OrganizationId { get; set; } = "";
    [Column("linked_at"), NotNull] public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>A person who signs in. The password is kept only as ASP.NET Core Identity's hash.</summary>
[Table("users")]
public sealed class UserRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("organization_id"), NotNull] public string OrganizationId { get; set; } = "";
    [Column("user_name"), NotNull] public string UserName { get; set; } = "";
    [Column("display_name"), NotNull] public string DisplayName { get; set; } = "";
    [Column("password_hash"), NotNull] public string PasswordHash { get; set; } = "";
    /// <summary>The account the user acts for where a call names none (an agent's own account); null for staff.</summary>
    [Column("home_account_id")] public string? HomeAccountId { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("disabled_at")] public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Where sign-in codes go (E.164); null until an admin gives one (added after the table: see Database.AddColumns).</summary>
    [Column("mobile")] public string? Mobile { get; set; }
}

/// <summary>A role a user holds: on one account (admin, marketer, agent), or for the provider (account null: moderator, operations).</summary>
[Table("user_roles")]
public sealed class UserRoleRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("user_id"), NotNull] public string UserId { get; set; } = "";
    [Column("account_id")] public string? AccountId { get; set; }
    [Column("role"), NotNull] public string Role { get; set; } = "";
    [Column("granted_at"), NotNull] public DateTimeOffset GrantedAt { get; set; }
}

/// <summary>A signed-in session: the token's hash, whose it is, until when, and when (if) it was revoked.</summary>
[Table("sessions")]
public sealed class SessionRecord
{
    [Column("token_hash"), PrimaryKey, NotNull] public string TokenHash { get; set; } = "";
    [Column("user_id"), NotNull] public string UserId { get; set; } = "";
    [Column("organization_id"), NotNull] public string OrganizationId { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("expires_at"), NotNull] public DateTimeOffset ExpiresAt { get; set; }
    [Column("revoked_at")] public DateTimeOffset? RevokedAt { get; set; }
    [Column("address"), NotNull] public string Address { get; set; } = "";
}

/// <summary>An organization's sign-in rules: whether a code by SMS is required, and the ranges (CIDR, comma-separated) it is not required from.</summary>
[Table("organization_security")]
public sealed class OrganizationSecurityRecord
{
    [Column("organization_id"), PrimaryKey, NotNull] public string OrganizationId { get; set; } = "";
    [Column("require_two_factor"), NotNull] public bool RequireTwoFactor { get; set; }
    [Column("trusted_ip_ranges"), NotNull] public string TrustedIpRanges { get; set; } = "";
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A sign-in waiting for its code: whose, the code's hash (never the digits), until when, tries so far, when it was used.
/// In the database rather than in memory so the code can be checked on whichever node the next request reaches.
/// </summary>
[Table("sign_in_challenges")]
public sealed class SignInChallengeRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("user_id"), NotNull] public string UserId { get; set; } = "";
    [Column("organization_id"), NotNull] public string OrganizationId { get; set; } = "";
    /// <summary>The user's home account when they have one (what the sign-in was for); null for staff.</summary>
    [Column("account_id")] public string? AccountId { get; set; }
    [Column("code_hash"), NotNull] public string CodeHash { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("expires_at"), NotNull] public DateTimeOffset ExpiresAt { get; set; }
    [Column("attempts"), NotNull] public int Attempts { get; set; }
    [Column("used_at")] public DateTimeOffset? UsedAt { get; set; }
    [Column("address"), NotNull] public string Address { get; set; } = "";
}
