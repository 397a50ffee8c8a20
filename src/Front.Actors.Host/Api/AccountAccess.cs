using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// Who may read an account's own lists under <c>/api/v1/accounts/{id}/…</c>: a moderator, or a caller (API key or
/// user) with a role on that account (the endpoint's policy says which roles). An account that does not exist answers 404 (to moderators), another account's 403.
/// </summary>
internal static class AccountAccess
{
    public static async Task<IResult?> RefuseAsync(string accountId, ClaimsPrincipal user, AccountStore accounts, CancellationToken ct)
    {
        var moderator = user.IsInRole(ApiKeyAuthentication.ModeratorRole);
        if (!moderator && !user.AccountsWith(Role.Admin, Role.Marketer, Role.Agent).Contains(accountId))
            return ApiProblems.Field(403, "account", "this key may not see that account");
        if ((await accounts.ExistingAsync([accountId], ct)).Count == 0)
            return ApiProblems.Field(404, "account", $"no account '{accountId}'");
        return null;
    }

    public static bool IsModerator(this ClaimsPrincipal user) => user.IsInRole(ApiKeyAuthentication.ModeratorRole);
}
