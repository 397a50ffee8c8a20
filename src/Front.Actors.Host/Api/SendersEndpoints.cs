using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Engine.Senders;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// Sender names. An account's registered alphanumeric names: listed by the account or a moderator, registered and
/// removed by moderators (a customer registering its own names would make registration meaningless). The protected
/// names (banks, public bodies, the provider) and the accounts that may use each: moderators only.
/// </summary>
public static class SendersEndpoints
{
    public sealed record SenderRequest(string? Name);

    public sealed record ProtectedSenderRequest(string? Name, List<string>? Accounts);

    public static IEndpointRouteBuilder MapSenders(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/{id}/senders", ListAsync).RequireRoles(Role.Admin, Role.Moderator);
        var moderator = app.MapGroup("/api/v1").RequireRoles(Role.Moderator);
        moderator.MapPost("/accounts/{id}/senders", RegisterAsync).Audited("sender.register", c => c.Arguments.OfType<SenderRequest>().FirstOrDefault()?.Name);
        moderator.MapDelete("/accounts/{id}/senders/{name}", RemoveAsync).Audited("sender.remove");
        moderator.MapGet("/moderation/protected-senders", ListProtectedAsync);
        moderator.MapPost("/moderation/protected-senders", ProtectAsync).Audited("protected-sender.add", c => c.Arguments.OfType<ProtectedSenderRequest>().FirstOrDefault()?.Name);
        moderator.MapDelete("/moderation/protected-senders/{name}", UnprotectAsync).Audited("protected-sender.remove");
        return app;
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, AccountStore accounts, SenderService senders, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return Results.Ok(new { account = id, senders = (await senders.ListAsync(id, ct)).Select(name => new { name }) });
    }

    private static async Task<IResult> RegisterAsync(string id, SenderRequest? body, ClaimsPrincipal user, AccountStore accounts, SenderService senders, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return View(id, await senders.RegisterAsync(id, body?.Name, user.Identity!.Name!, ct), created: true);
    }

    private static async Task<IResult> RemoveAsync(string id, string name, ClaimsPrincipal user, AccountStore accounts, SenderService senders, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return View(id, await senders.RemoveAsync(id, name, user.Identity!.Name!, ct), created: false);
    }

    private static IResult View(string id, SenderOutcome outcome, bool created) => outcome switch
    {
        SenderOutcome.Names names => Results.Json(new { account = id, senders = names.Registered.Select(name => new { name }) }, statusCode: created ? 201 : 200),
        SenderOutcome.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
        _ => throw new InvalidOperationException(),
    };

    private static async Task<IResult> ListProtectedAsync(SenderStore store, CancellationToken ct) =>
        Results.Ok(new { items = (await store.ProtectedAsync(ct)).Select(ProtectedView) });

    /// <summary>Adds a protected name, or replaces the accounts allowed to use it.</summary>
    private static async Task<IResult> ProtectAsync(ProtectedSenderRequest? body, ClaimsPrincipal user, SenderStore store, AccountStore accounts, CancellationToken ct)
    {
        if (SenderService.Refuse(body?.Name) is { } invalid)
            return ApiProblems.Refusal(invalid.Kind, invalid.Field, invalid.Reason);
        var named = (body!.Accounts ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct().ToList();
        var existing = await accounts.ExistingAsync(named, ct);
        if (named.Except(existing).ToList() is { Count: > 0 } unknown)
            return ApiProblems.Field(400, "accounts", $"no such account: {string.Join(", ", unknown)}");
        return Results.Json(ProtectedView(await store.ProtectAsync(body.Name!.Trim(), named, user.Identity!.Name!, ct)), statusCode: 201);
    }

    private static async Task<IResult> UnprotectAsync(string name, SenderStore store, CancellationToken ct) =>
        await store.UnprotectAsync(name, ct) ? Results.NoContent() : ApiProblems.Field(404, "name", $"'{name}' is not a protected name");

    private static object ProtectedView(ProtectedSenderRecord p) => new
    {
        name = p.Name,
        accounts = p.AccountIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
        addedBy = p.AddedBy,
        addedAt = p.AddedAt,
    };
}
