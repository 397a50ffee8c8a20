using System.Security.Claims;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>The moderators' API (role moderator; a customer key gets 403) and the customer's own account view.</summary>
public static class ModerationEndpoints
{
    public sealed record DecisionRequest(string? Reason);

    public sealed record LimitsRequest(int? MessagesPerSecond, long? MonthlySegments, int? BulkThreshold);

    public sealed record DomainRequest(string? Domain);

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var moderation = app.MapGroup("/api/v1").RequireAuthorization(policy => policy.RequireRole(ApiKeyAuthentication.ModeratorRole));
        moderation.MapGet("/moderation/items", ListAsync);
        moderation.MapPost("/moderation/items/{id}/approve", (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideAsync(id, true, body, user, service, ct));
        moderation.MapPost("/moderation/items/{id}/reject", (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideAsync(id, false, body, user, service, ct));
        moderation.MapPut("/accounts/{id}/limits", SetLimitsAsync);
        moderation.MapPost("/accounts/{id}/approved-domains", ApproveDomainAsync);
        moderation.MapPost("/accounts/{id}/suspend", async (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
        {
            await service.SuspendAsync(id, user.Identity!.Name!, body?.Reason ?? "", ct);
            return Results.Ok(new { id, suspended = true });
        });
        moderation.MapPost("/accounts/{id}/resume", async (string id, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
        {
            await service.ResumeAsync(id, user.Identity!.Name!, ct);
            return Results.Ok(new { id, suspended = false });
        });

        app.MapGet("/api/v1/account", AccountAsync).RequireAuthorization(policy => policy.RequireClaim(ApiKeyAuthentication.AccountClaim));
        return app;
    }

    private static async Task<IResult> ListAsync(string? account, string? rule, HeldItemStore items, CancellationToken ct)
    {
        if (rule is not null && HoldRuleNames.FromWire(rule) is null)
            return Problem(400, "rule", "must be one of unapproved-link, bulk-send, monthly-limit, suspended");
        var list = await items.ListUndecidedAsync(account, rule, ct);
        return Results.Ok(new
        {
            items = list.Select(i => new { id = i.ItemId, accountId = i.AccountId, rule = i.Rule, details = i.Details, messageCount = i.MessageCount, preview = i.Preview, heldAt = i.HeldAt }),
        });
    }

    private static async Task<IResult> DecideAsync(string id, bool approve, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason) && !approve)
            return Problem(400, "reason", "a rejection needs a reason the customer will see");
        return await service.DecideAsync(id, approve, user.Identity!.Name!, body?.Reason ?? "", ct) switch
        {
            DecisionOutcome.Decided d => Results.Ok(new { id, decision = approve ? "approved" : "rejected", accountId = d.AccountId, messages = d.Messages }),
            DecisionOutcome.AlreadyDecided already => Problem(409, "id", $"item '{id}' was already {(already.Approved ? "approved" : "rejected")}"),
            _ => Problem(404, "id", $"no held item '{id}'"),
        };
    }

    private static async Task<IResult> SetLimitsAsync(string id, LimitsRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct)
    {
        var current = (await service.UsageAsync(id, ct)).Limits;
        var limits = new AccountLimits(body?.MessagesPerSecond ?? current.MessagesPerSecond, body?.MonthlySegments ?? current.MonthlySegments,
            body?.BulkThreshold ?? current.BulkThreshold);
        if (limits.Validate() is { } invalid)
            return Problem(400, invalid.Field, invalid.Reason);
        await service.SetLimitsAsync(id, limits, user.Identity!.Name!, ct);
        return Results.Ok(new { id, limits = new { limits.MessagesPerSecond, limits.MonthlySegments, limits.BulkThreshold } });
    }

    private static async Task<IResult> ApproveDomainAsync(string id, DomainRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct)
    {
        if (!DomainName.TryNormalize(body?.Domain, out var domain, out var reason))
            return Problem(400, "domain", reason);
        var released = await service.ApproveDomainAsync(id, domain, user.Identity!.Name!, ct);
        return Results.Ok(new { id, domain, released });
    }

    private static async Task<IResult> AccountAsync(ClaimsPrincipal user, AccountStore accounts, ModerationService service, CancellationToken ct)
    {
        var id = user.AccountId();
        var usage = await service.UsageAsync(id, ct);
        return Results.Ok(new
        {
            id,
            name = user.Identity?.Name,
            limits = new { usage.Limits.MessagesPerSecond, usage.Limits.MonthlySegments, usage.Limits.BulkThreshold },
            monthToDate = new { segments = usage.MonthSegments, messages = usage.MonthMessages },
            approvedDomains = usage.ApprovedDomains,
            suspended = usage.Suspended,
            heldItems = usage.HeldItems.Select(i => new { id = i.ItemId, rule = i.Rule.ToWire(), details = i.Details, messageCount = i.MessageIds.Count, heldAt = i.HeldAt }),
        });
    }

    private static IResult Problem(int status, string field, string reason) =>
        Results.Problem(statusCode: status, detail: $"{field}: {reason}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });
}
