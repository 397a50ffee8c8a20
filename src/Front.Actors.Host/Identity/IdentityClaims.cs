using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Api;

namespace Front.Actors.Host.Identity;

/// <summary>
/// The claims every caller carries, whatever proved who it is (a session, an API key, a configured moderator key):
/// one <see cref="AccountRole"/> claim per (account, role) valued <c>"{accountId}:{role}"</c>; provider staff carry
/// <see cref="ClaimTypes.Role"/> <c>moderator</c> and/or <c>operations</c>; <c>account</c> is the account a call acts
/// for when it names none.
/// </summary>
public static class IdentityClaims
{
    public const string AccountRole = "account-role";
    /// <summary>A signed-in user's id (absent for keys).</summary>
    public const string UserId = "user-id";
    /// <summary>A signed-in user's user name (absent for keys).</summary>
    public const string UserName = "user";
    /// <summary>The hash of the session token (absent for keys): sign-out and hub tracking use it.</summary>
    public const string Session = "session";

    public static string Value(string accountId, Role role) => $"{accountId}:{role.ToWire()}";

    /// <summary>The claims of a signed-in user's roles.</summary>
    public static IEnumerable<Claim> Of(IEnumerable<RoleGrant> roles) =>
        roles.Select(r => r.AccountId is null
            ? new Claim(ClaimTypes.Role, r.Role.ToWire())
            : new Claim(AccountRole, Value(r.AccountId, r.Role)));

    public static bool HasAccountRole(this ClaimsPrincipal user, string accountId, params Role[] roles) =>
        roles.Any(role => user.HasClaim(AccountRole, Value(accountId, role)));

    /// <summary>The accounts on which the caller holds any of the roles, in the order the claims came.</summary>
    public static IReadOnlyList<string> AccountsWith(this ClaimsPrincipal user, params Role[] roles)
    {
        var wanted = roles.Select(r => ":" + r.ToWire()).ToList();
        return user.FindAll(AccountRole).Select(c => c.Value)
            .Select(v => wanted.FirstOrDefault(v.EndsWith) is { } suffix ? v[..^suffix.Length] : null)
            .OfType<string>().Distinct().ToList();
    }

    public static bool IsStaff(this ClaimsPrincipal user, params Role[] roles) => roles.Any(r => r.IsProviderStaff() && user.IsInRole(r.ToWire()));

    public static bool IsSignedInUser(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == UserId);

    /// <summary>The account the caller acts for where the call names none (an API key's account, a user's home account).</summary>
    public static string? OwnAccount(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.AccountClaim);
}
