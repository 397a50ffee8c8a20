using Front.Actors.Domain.Identity;

namespace Front.Actors.Host.Identity;

/// <summary>One role a user holds: on an account (customer roles), or for the provider as a whole (account null: staff roles).</summary>
public sealed record RoleGrant(string? AccountId, Role Role)
{
    public override string ToString() => AccountId is null ? Role.ToWire() : $"{AccountId}:{Role.ToWire()}";
}
