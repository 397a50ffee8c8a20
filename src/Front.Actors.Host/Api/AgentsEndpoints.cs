using System.Security.Claims;
using Front.Actors.Host.Agents;

namespace Front.Actors.Host.Api;

/// <summary>Agents sign in with a user name and password and get a session token (used as a Bearer token and on the hub).</summary>
public static class AgentsEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record CreateAgentRequest(string? UserName, string? DisplayName, string? Password);

    public sealed record GrantRequest(string[]? AccountIds);

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agents/sign-in", SignInAsync).AllowAnonymous();
        app.MapPost("/api/v1/agents", CreateAsync).RequireAuthorization(policy => policy.RequireClaim(ApiKeyAuthentication.AccountClaim))
            .Audited("agent.create", c => c.Arguments.OfType<CreateAgentRequest>().FirstOrDefault()?.UserName);
        app.MapPut("/api/v1/agents/{userName}/accounts", GrantAsync).RequireAuthorization(policy => policy.RequireRole(ApiKeyAuthentication.ModeratorRole))
            .Audited("agent.grant");
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest? body, AgentDirectory agents, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (string.IsNullOrWhiteSpace(body?.UserName))
            errors.Add("userName", "required");
        if (string.IsNullOrEmpty(body?.Password))
            errors.Add("password", "required");
        if (errors.Any)
            return errors.Problem();
        if (await agents.SignInAsync(body!.UserName!.Trim(), body.Password!, ct) is not { } session)
            return ApiProblems.Field(401, "password", "the user name or password is wrong");
        return Results.Ok(new
        {
            token = session.Token, expiresAt = session.ExpiresAt,
            agent = new { userName = session.Agent.UserName, displayName = session.Agent.DisplayName, accountId = session.Agent.AccountId },
        });
    }

    /// <summary>The provider lets an agent work in other accounts too (of the same organization, say); its own stays.</summary>
    private static async Task<IResult> GrantAsync(string userName, GrantRequest? body, AgentDirectory agents, Engine.Storage.AccountStore accounts, CancellationToken ct)
    {
        var ids = (body?.AccountIds ?? []).Select(a => a.Trim()).Distinct().ToList();
        var unknown = ids.Except(await accounts.ExistingAsync(ids, ct)).ToList();
        if (unknown.Count > 0)
            return ApiProblems.Field(400, "accountIds", $"no such account: {string.Join(", ", unknown)}");
        return await agents.GrantAsync(userName, ids, ct)
            ? Results.Ok(new { userName, accountIds = ids })
            : ApiProblems.Field(404, "userName", $"no agent '{userName}'");
    }

    /// <summary>An account (its API key) adds agents to itself; an agent cannot.</summary>
    private static async Task<IResult> CreateAsync(CreateAgentRequest? body, ClaimsPrincipal user, AgentDirectory agents, CancellationToken ct)
    {
        if (user.HasClaim(c => c.Type == ApiKeyAuthentication.AgentClaim))
            return ApiProblems.Field(403, "agent", "agents are added with the account's API key");
        var userName = body?.UserName?.Trim() ?? "";
        if (userName.Length is < 3 or > 100 || userName.Any(char.IsWhiteSpace))
            return ApiProblems.Field(400, "userName", "3 to 100 characters without spaces");
        if (body!.Password is not { Length: >= 10 })
            return ApiProblems.Field(400, "password", "at least 10 characters");
        var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? userName : body.DisplayName.Trim();
        var (agent, field, reason) = await agents.CreateAsync(user.AccountId(), userName, displayName, body.Password, ct);
        return agent is null
            ? ApiProblems.Field(409, field!, reason!)
            : Results.Json(new { userName = agent.UserName, displayName = agent.DisplayName, accountId = agent.AccountId }, statusCode: 201);
    }
}
