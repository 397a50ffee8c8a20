using System.Security.Claims;
using System.Text.Encodings.Web;
using Front.Actors.Engine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Api;

/// <summary>
/// Callers are customers' API keys, signed-in agents' session tokens, or moderators' keys. Customers call with <c>Authorization: Bearer &lt;api key&gt;</c>. SignalR clients on WebSockets cannot set
/// headers, so the hub also takes the key as <c>access_token</c> in the query string.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Keys.ApiKeyValidator keys, ModeratorKeys moderators,
    Agents.AgentDirectory agents)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AccountClaim = "account";
    public const string ModeratorRole = "moderator";
    public const string AgentClaim = "agent";
    /// <summary>Every account the caller may see (an API key: its own; an agent: its own and those granted).</summary>
    public const string VisibleAccountClaim = "visible-account";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = BearerToken() ?? (Request.Path.StartsWithSegments("/hubs") ? Request.Query["access_token"].ToString() : null);
        if (string.IsNullOrWhiteSpace(key))
            return AuthenticateResult.NoResult();
        if (moderators.Find(key) is { } moderator)
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, moderator), new Claim(ClaimTypes.Role, ModeratorRole)], SchemeName)), SchemeName));
        var check = await keys.CheckAsync(key, Context); // a customer key: valid, refused (its reason answered 403 by ApiKeyChecks) or unknown
        var account = check.Account;
        if (account is null && await agents.FindBySessionAsync(key, Context.RequestAborted) is { } signedIn)
        {
            // A signed-in agent acts for its own account, under its own name, and sees the accounts granted to it.
            var agent = signedIn.Agent;
            var agentIdentity = new ClaimsIdentity(
                [new Claim(AccountClaim, agent.AccountId), new Claim(AgentClaim, agent.UserName), new Claim(ClaimTypes.Name, agent.DisplayName),
                 .. signedIn.Accounts.Select(a => new Claim(VisibleAccountClaim, a))], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(agentIdentity), SchemeName));
        }
        if (account is null)
            return AuthenticateResult.Fail(check.Refusal ?? "unknown API key");
        var identity = new ClaimsIdentity([new Claim(AccountClaim, account.Id), new Claim(ClaimTypes.Name, account.Name), new Claim(Keys.ApiKeyValidator.KeyIdClaim, check.Key!.Id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiProblems.Field(403, "authorization", "this key may not do that").ExecuteAsync(Context);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Field(401, "authorization",
            BearerToken() is null ? "send the API key as 'Authorization: Bearer <key>'" : "the API key is not valid").ExecuteAsync(Context);
    }

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

    /// <summary>The accounts whose conversations the caller may see and act on.</summary>
    public static IReadOnlyList<string> VisibleAccounts(this ClaimsPrincipal user)
    {
        var granted = user.FindAll(ApiKeyAuthentication.VisibleAccountClaim).Select(c => c.Value).ToList();
        return granted.Count > 0 ? granted : [user.AccountId()];
    }

    /// <summary>Who acts in a conversation: the agent's user name, or "api" for an account's API key.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.AgentClaim) ?? "api";
}
