namespace Front.Actors.Domain.Identity;

/// <summary>
/// What a user may do. Customer roles are given per account (a user may be admin of one account and agent of
/// another); provider roles (<see cref="Moderator"/>, <see cref="Operations"/>) span every account.
/// </summary>
public enum Role
{
    /// <summary>Users, keys, senders, numbers' rules and keywords, webhooks of the account.</summary>
    Admin,

    /// <summary>Contacts, campaigns and sends of the account.</summary>
    Marketer,

    /// <summary>The account's conversations: read, reply, claim. Nothing else.</summary>
    Agent,

    /// <summary>Provider staff: held items, limits, suspensions, domain and sender approvals.</summary>
    Moderator,

    /// <summary>Provider staff: numbers, binds, accounts and organizations.</summary>
    Operations,
}

public static class RoleNames
{
    public static string ToWire(this Role role) => role.ToString().ToLowerInvariant();

    public static Role? FromWire(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "admin" => Role.Admin,
        "marketer" => Role.Marketer,
        "agent" => Role.Agent,
        "moderator" => Role.Moderator,
        "operations" => Role.Operations,
        _ => null,
    };

    /// <summary>Roles held for the provider as a whole rather than for one customer account.</summary>
    public static bool IsProviderStaff(this Role role) => role is Role.Moderator or Role.Operations;
}
