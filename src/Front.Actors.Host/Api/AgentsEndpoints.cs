using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Agents;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// The agents' endpoints from before users and roles, kept as thin wrappers: sign-in is <see cref="SignInEndpoints"/>'s
/// (same throttle, same sessions), and an agent is a user with the agent role (<see cref="AgentDirectory"/>).
/// </summary>
public static class AgentsEndpoints
{
    public sealed record CreateAgentRequest(string? UserName, string? DisplayName, string? Password);

    public sealed record GrantRequest(string[]? AccountIds);

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agents/sign-in", (SignInEndpoints.SignInRequest? body, HttpContext http, SignInService signIn, CancellationToken ct) =>
            SignInEndpoints.SignInAsync(body, http, signIn, s => new
            {
                token = s.Token, expiresAt = s.ExpiresAt,
                agent = new { userName = s.User.UserName, displayName = s.User.DisplayName, accountId = s.User.HomeAccountId },
            }, ct)).AllowAnonymous();
        app.MapPost("/api/v1/agents", CreateAsync).RequireRoles(Role.Admin)
            .Audited("agent.create", c => c.Arguments.OfType<CreateAgentRequest>().FirstOrDefault()?.UserName);
        app.MapPut("/api/v1/agents/{userName}/accounts", GrantAsync).RequireRoles(Role.Moderator, Role.Operations)
            .Audited("agent.grant");
        return app;
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

    /// <summary>An admin of the account (or its API key) adds an agent to it.</summary>
    private static async Task<IResult> CreateAsync(CreateAgentRequest? body, ClaimsPrincipal user, AgentDirectory agents, CancellationToken ct)
    {
        var userName = body?.UserName?.Trim() ?? "";
        if (userName.Length is < 3 or > 100 || userName.Any(char.IsWhiteSpace))
            return ApiProblems.Field(400, "userName", "3 to 100 characters without spaces");
        if (PasswordPolicy.Refuse(userName, body!.Password) is { } weak)
            return ApiProblems.Field(400, "password", weak);
        var displayName = string.IsNullOrWhiteSpace(body.DisplayName) ? userName : body.DisplayName.Trim();
        var (agent, status, field, reason) = await agents.CreateAsync(user.AccountId(), userName, displayName, body.Password!, ct);
        return agent is null
            ? ApiProblems.Field(status, field!, reason!)
            : Results.Json(new { userName = agent.UserName, displayName = agent.DisplayName, accountId = agent.HomeAccountId }, statusCode: 201);
    }
}
