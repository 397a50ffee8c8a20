using System.Security.Claims;

namespace Front.Actors.Host.Api;

/// <summary>
/// The campaign contract's short paths (<c>/api/v1/contacts</c>, <c>/api/v1/groups</c>, <c>/api/v1/templates</c>, <c>/api/v1/campaigns</c>, and
/// <c>/api/v1/contacts/import?group=</c>) act on the caller's own account: they are rewritten, once the caller is
/// known and before routing, to <c>/api/v1/accounts/{account}/…</c>, where the role checks and the handlers live.
/// A caller without an account (not signed in, or staff) reaches a placeholder account and is refused there.
/// </summary>
public static class CallerAccountPaths
{
    private static readonly PathString[] ShortPaths = ["/api/v1/contacts", "/api/v1/groups", "/api/v1/templates", "/api/v1/campaigns"];
    private const string NoAccount = "-";

    public static IApplicationBuilder UseCallerAccountPaths(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        foreach (var prefix in ShortPaths)
        {
            if (!http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest))
                continue;
            var account = http.User.FindFirstValue(ApiKeyAuthentication.AccountClaim) ?? NoAccount;
            http.Request.Path = new PathString($"/api/v1/accounts/{Uri.EscapeDataString(account)}").Add(prefix.Value!["/api/v1".Length..]).Add(rest);
            break;
        }
        return next(http);
    });
}
