using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// Who may create, list and revoke an account's keys: a moderator, or the account's own side
/// (<see cref="IsAdminOf"/>). Any other caller, and any caller for an account that is not theirs, gets 403.
/// </summary>
public static class KeyAccess
{
    public const string Policy = "account-keys";

    public static void AddKeyAccessPolicy(this AuthorizationOptions options) =>
        options.AddPolicy(Policy, policy => policy.RequireAssertion(context =>
            context.Resource is HttpContext http && MayManage(context.User, http.GetRouteValue("id") as string)));

    public static bool MayManage(ClaimsPrincipal user, string? accountId) =>
        user.IsInRole(ApiKeyAuthentication.ModeratorRole) || accountId is not null && IsAdminOf(user, accountId);

    /// <summary>
    /// For now: an API key of that account (not an agent's session). When users have roles, this becomes the
    /// caller's <c>admin</c> role on that account.
    /// </summary>
    private static bool IsAdminOf(ClaimsPrincipal user, string accountId) =>
        user.HasClaim(c => c.Type == ApiKeyValidator.KeyIdClaim) && user.FindFirstValue(ApiKeyAuthentication.AccountClaim) == accountId;
}
