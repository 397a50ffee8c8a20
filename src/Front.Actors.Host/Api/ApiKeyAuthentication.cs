using System.Security.Claims;
using System.Text.Encodings.Web;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Api;

/// <summary>
/// Callers are customers' API keys, signed-in users' session tokens (<see cref="Identity.SessionStore"/>), or configured moderators' keys. Customers call with <c>Authorization: Bearer &lt;api key&gt;</c>. SignalR clients on WebSockets cannot set
/// headers, so the hub also takes the key as <c>access_token</c> in the query string. The web app's pages are signed in by
/// a session cookie instead.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Keys.ApiKeyValidator keys, ModeratorKeys moderators,
    Identity.SessionStore sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AccountClaim = "account";

    /// <summary>
    /// A signed-in user who holds roles on several accounts names the one a call acts for (where the call names none)
    /// with this header; without it they act for their home account. Ignored for API keys (a key has one account).
    /// </summary>
    public const string ActingAccountHeader = "X-Front-Account";
    public const string ModeratorRole = "moderator";
    public const string AgentClaim = "agent";
    /// <summary>Every account the caller may see (an API key: its own; an agent: its own and those granted).</summary>
    public const string VisibleAccountClaim = "visible-account";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = BearerToken() ?? (Request.Path.StartsWithSegments("/hubs") ? Request.Query["access_token"].ToString() : null);
        if (string.IsNullOrWhiteSpace(key))
            return await FromCookieAsync();
        if (moderators.Find(key) is { } moderator)
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, moderator), new Claim(ClaimTypes.Role, ModeratorRole)], SchemeName)), SchemeName));
        var check = await keys.CheckAsync(key, Context); // a customer key: valid, refused (its reason answered 403 by ApiKeyChecks) or unknown
        var account = check.Account;
        if (account is null && check.Refusal is null && await sessions.FindAsync(key, Context.RequestAborted) is { } signedIn)
            return UserIdentity(signedIn, ActingAccount()) is { } user
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(user), SchemeName))
                : RefuseActingAccount();
        if (account is null)
            return AuthenticateResult.Fail(check.Refusal ?? "unknown API key");
        // An account's key may do everything its account may: every customer role on it, none elsewhere.
        var identity = new ClaimsIdentity(
            [new Claim(AccountClaim, account.Id), new Claim(ClaimTypes.Name, account.Name), new Claim(Keys.ApiKeyValidator.KeyIdClaim, check.Key!.Id),
             .. new[] { Role.Admin, Role.Marketer, Role.Agent }.Select(r => new Claim(IdentityClaims.AccountRole, IdentityClaims.Value(account.Id, r)))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// The web app's session cookie (<see cref="Web.WebSession"/>), read only when no header names a caller. It holds a
    /// session token, never an API key; the identity is marked so <see cref="Web.AntiForgeryHeader"/> can check it.
    /// </summary>
    private async Task<AuthenticateResult> FromCookieAsync()
    {
        if (Request.Cookies[Web.WebSession.CookieName] is not { Length: > 0 } token || await sessions.FindAsync(token, Context.RequestAborted) is not { } signedIn)
            return AuthenticateResult.NoResult();
        if (UserIdentity(signedIn, ActingAccount()) is not { } identity)
            return RefuseActingAccount();
        identity.AddClaim(new Claim(Web.WebSession.ViaCookieClaim, "true"));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// A signed-in user: their roles as claims, their home account as <c>account</c> (so calls that name no account act
    /// for it), and, for agents, the <c>agent</c> and <c>visible-account</c> claims the inbox has always read.
    /// </summary>
    /// <param name="acting">The account the call names in <see cref="ActingAccountHeader"/>: it must be one the user holds a
    /// role on (else null: not authenticated, so nothing is done for an account by mistake); the role checks then apply to it.</param>
    private static ClaimsIdentity? UserIdentity(Identity.SignedInUser signedIn, string? acting = null)
    {
        var user = signedIn.User;
        if (acting is not null && !signedIn.Roles.Any(r => r.AccountId == acting))
            return null;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.DisplayName), new(IdentityClaims.UserId, user.Id), new(IdentityClaims.UserName, user.UserName),
            new(IdentityClaims.Session, signedIn.SessionHash),
        };
        if ((acting ?? user.HomeAccountId) is { } account)
            claims.Add(new Claim(AccountClaim, account));
        claims.AddRange(IdentityClaims.Of(signedIn.Roles));
        var agentOf = signedIn.Roles.Where(r => r.Role == Role.Agent && r.AccountId is not null).Select(r => r.AccountId!).ToList();
        if (agentOf.Count > 0)
        {
            claims.Add(new Claim(AgentClaim, user.UserName));
            // The home account first, as the inbox lists it.
            claims.AddRange(agentOf.OrderBy(a => a == user.HomeAccountId ? 0 : 1).ThenBy(a => a, StringComparer.Ordinal).Select(a => new Claim(VisibleAccountClaim, a)));
        }
        return new ClaimsIdentity(claims, SchemeName);
    }

    /// <summary>
    /// A user named an account they hold no role on: nothing is done for anyone. The session itself is good, so the
    /// answer is 403 naming the header (<see cref="HandleChallengeAsync"/>), not the 401 that would send them to sign in.
    /// </summary>
    private AuthenticateResult RefuseActingAccount()
    {
        Context.Items[ActingAccountHeader] = ActingAccount();
        return AuthenticateResult.Fail($"no role on account '{ActingAccount()}'");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        // Named for who called: a person is refused for their roles, a key for its account's.
        var reason = Context.User.IsSignedInUser() ? "your roles do not allow that" : "this key may not do that";
        await ApiProblems.Field(403, "authorization", reason).ExecuteAsync(Context);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ActingAccountHeader] is string refused)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await ApiProblems.Field(403, ActingAccountHeader, $"you hold no role on account '{refused}'").ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Field(401, "authorization",
            BearerToken() is null ? "send the API key as 'Authorization: Bearer <key>'" : "the API key is not valid").ExecuteAsync(Context);
    }

    private string? ActingAccount() =>
        Request.Headers[ActingAccountHeader].ToString() is { Length: > 0 } named ? named.Trim() : null;

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}

public static class AccountClaims
{
    public static string AccountId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthentication.AccountClaim) ?? throw new InvalidOperationException("no account on an authenticated caller");

    /// <summary>The accounts whose conversations the caller may see and act on: those it holds the agent role on.</summary>
    public static IReadOnlyList<string> VisibleAccounts(this ClaimsPrincipal user)
    {
        var granted = user.FindAll(ApiKeyAuthentication.VisibleAccountClaim).Select(c => c.Value).ToList();
        return granted.Count > 0 ? granted : user.AccountsWith(Role.Agent);
    }

    /// <summary>Who acts: the signed-in user's name, or "api" for an account's API key.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue(IdentityClaims.UserName) ?? user.FindFirstValue(ApiKeyAuthentication.AgentClaim) ?? "api";
}
