using System.Security.Claims;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Web;

/// <summary>
/// The web app's sign-in: the same <see cref="SignInService"/> as the API, but the session token goes into an
/// HttpOnly cookie instead of the answer, so no script on the page can read it. <see cref="ApiKeyAuthentication"/>
/// accepts the cookie like a bearer session token, so the pages call the same /api/v1 endpoints and hubs; every
/// state-changing call made with the cookie must carry <see cref="AntiForgeryHeader"/>.
/// </summary>
public static class WebSession
{
    public const string CookieName = "front-session";

    /// <summary>On a principal authenticated by the cookie (not by a header): the anti-forgery check looks for it.</summary>
    public const string ViaCookieClaim = "via-cookie";

    public static IEndpointRouteBuilder MapWebSession(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/api/v1/web");
        web.MapPost("/sign-in", (SignInEndpoints.SignInRequest? body, HttpContext http, SignInService signIn, CancellationToken ct) =>
            SignInEndpoints.SignInAsync(body, http, signIn, s => Open(http, s), ct)).AllowAnonymous();
        web.MapPost("/sign-in/verify", (SignInEndpoints.VerifyRequest? body, HttpContext http, SignInService signIn, CancellationToken ct) =>
            SignInEndpoints.VerifyAsync(body, http, signIn, s => Open(http, s), ct)).AllowAnonymous();
        web.MapPost("/sign-out", SignOutAsync).AllowAnonymous();
        web.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    private static object Open(HttpContext http, SignInOutcome.Session session)
    {
        http.Response.Cookies.Append(CookieName, session.Token, new CookieOptions
        {
            HttpOnly = true,
            // Secure whenever the page came over https; plain http stays usable for local mode on a laptop.
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = session.ExpiresAt,
        });
        return new { userName = session.User.UserName, displayName = session.User.DisplayName, expiresAt = session.ExpiresAt };
    }

    /// <summary>Ends the cookie's session (if it still lives) and clears the cookie either way.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, SessionStore sessions, CancellationToken ct)
    {
        if (http.User.FindFirstValue(ViaCookieClaim) is not null && http.User.FindFirstValue(IdentityClaims.Session) is { } session)
            await sessions.RevokeAsync(session, ct);
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict });
        return Results.NoContent();
    }

    /// <summary>Who the page is signed in as: enough for the pages to decide what to show (the API still checks every call).</summary>
    private static async Task<IResult> Me(ClaimsPrincipal user, AccountStore accounts, CancellationToken ct)
    {
        var roles = user.FindAll(IdentityClaims.AccountRole).Select(c => c.Value).ToList();
        // Names for the screens' account choosers: the accounts this person holds a role in.
        var ids = roles.Select(r => r[..Math.Max(0, r.LastIndexOf(':'))]).Where(id => id.Length > 0).Concat(user.VisibleAccounts()).Distinct().ToList();
        return Results.Ok(new
        {
            userName = user.Actor(),
            displayName = user.FindFirstValue(ClaimTypes.Name),
            accountRoles = roles,
            staffRoles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            agentAccounts = user.VisibleAccounts(),
            accountNames = await accounts.NamesAsync(ids, ct),
        });
    }
}
