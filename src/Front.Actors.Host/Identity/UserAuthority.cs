using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;

namespace Front.Actors.Host.Identity;

/// <summary>
/// Who manages whom: an organization's users are managed by the admins of its accounts (on the accounts they admin);
/// the provider's staff by moderators and operations. Nobody else, and a customer admin never touches staff roles.
/// </summary>
public sealed class UserAuthority(UserDirectory users)
{
    /// <summary>The accounts of the organization the caller is admin of (empty: none).</summary>
    public async Task<IReadOnlyList<string>> AdminAccountsAsync(ClaimsPrincipal caller, string organizationId, CancellationToken ct)
    {
        var admin = caller.AccountsWith(Role.Admin);
        return (await users.AccountsOfAsync(organizationId, ct)).Where(admin.Contains).ToList();
    }

    public static bool ManagesStaff(ClaimsPrincipal caller) => caller.IsStaff(Role.Moderator, Role.Operations);

    /// <summary>A 403 naming <c>userName</c> when the caller may not manage the user, else null.</summary>
    public async Task<IResult?> RefuseManagingAsync(ClaimsPrincipal caller, UserRecord target, CancellationToken ct)
    {
        if (target.OrganizationId == OrganizationRecord.ProviderId)
            return ManagesStaff(caller) ? null : ApiProblems.Field(403, "userName", "provider staff are managed by moderators and operations");
        return (await AdminAccountsAsync(caller, target.OrganizationId, ct)).Count > 0
            ? null
            : ApiProblems.Field(403, "userName", "the user belongs to an organization whose accounts you do not administer");
    }
}
