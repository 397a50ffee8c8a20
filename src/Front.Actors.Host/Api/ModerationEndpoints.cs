using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
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

    public sealed record ManyDecisionsRequest(string[]? Ids, string? Reason);

    /// <param name="OrganizationId">The organization (made with POST /api/v1/organizations) that owns the account; without it the account gets one of its own.</param>
    public sealed record CreateAccountRequest(string? Id, string? Name, string? Organization, string? OrganizationId = null);

    /// <summary>At most this many items in one decision call; larger selections are paged by the client.</summary>
    public const int MaxItemsPerDecision = 500;

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var moderation = app.MapGroup("/api/v1").RequireRoles(Role.Moderator);
        moderation.MapGet("/moderation/items", ListAsync);
        moderation.MapPost("/moderation/items/{id}/approve", (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideAsync(id, true, body, user, service, ct)).Audited("moderation.approve");
        moderation.MapPost("/moderation/items/{id}/reject", (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideAsync(id, false, body, user, service, ct)).Audited("moderation.reject");
        moderation.MapPost("/moderation/items/approve", (ManyDecisionsRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideManyAsync(true, body, user, service, ct)).Audited("moderation.approve", c => string.Join(',', c.Arguments.OfType<ManyDecisionsRequest>().FirstOrDefault()?.Ids ?? []));
        moderation.MapPost("/moderation/items/reject", (ManyDecisionsRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct) =>
            DecideManyAsync(false, body, user, service, ct)).Audited("moderation.reject", c => string.Join(',', c.Arguments.OfType<ManyDecisionsRequest>().FirstOrDefault()?.Ids ?? []));
        // Opening accounts is operations' work; moderators keep it (their key bootstraps a new installation).
        app.MapPost("/api/v1/accounts", CreateAccountAsync).RequireRoles(Role.Operations, Role.Moderator).Audited("account.create",
            c => c.Arguments.OfType<CreateAccountRequest>().FirstOrDefault()?.Id?.Trim(), c => c.Arguments.OfType<CreateAccountRequest>().FirstOrDefault()?.Id?.Trim());
        moderation.MapPut("/accounts/{id}/limits", SetLimitsAsync).Audited("account.limits");
        moderation.MapPost("/accounts/{id}/approved-domains", ApproveDomainAsync).Audited("account.approve-domain");
        moderation.MapPost("/accounts/{id}/suspend", async (string id, DecisionRequest? body, ClaimsPrincipal user, ModerationService service, AccountStore accounts, CancellationToken ct) =>
        {
            if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
                return unknown;
            await service.SuspendAsync(id, user.Identity!.Name!, body?.Reason ?? "", ct);
            return Results.Ok(new { id, suspended = true });
        }).Audited("account.suspend");
        moderation.MapPost("/accounts/{id}/resume", async (string id, ClaimsPrincipal user, ModerationService service, AccountStore accounts, CancellationToken ct) =>
        {
            if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
                return unknown;
            var released = await service.ResumeAsync(id, user.Identity!.Name!, ct);
            return Results.Ok(new { id, suspended = false, released });
        }).Audited("account.resume");

        app.MapGet("/api/v1/account", AccountAsync).RequireRoles(Role.Admin, Role.Marketer);
        return app;
    }

    /// <summary>Items per page of the queue unless the client asks for fewer or more (at most <see cref="MaxPageSize"/>).</summary>
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 500;

    /// <summary>
    /// Undecided items a page at a time, oldest first (<c>order=newest</c> turns it round); <paramref name="olderThanMinutes"/>
    /// finds those waiting too long (e.g. over a weekend). <c>nextCursor</c> fetches the next page; null on the last.
    /// </summary>
    private static async Task<IResult> ListAsync(string? account, string? rule, int? olderThanMinutes, int? limit, string? order, string? cursor,
        HeldItemStore items, CancellationToken ct)
    {
        if (rule is not null && HoldRuleNames.FromWire(rule) is null)
            return Problem(400, "rule", "must be one of unapproved-link, bulk-send, monthly-limit, suspended, unregistered-sender");
        if (olderThanMinutes is < 0)
            return Problem(400, "olderThanMinutes", "must be zero or more");
        if (limit is < 1 or > MaxPageSize)
            return Problem(400, "limit", $"must be from 1 to {MaxPageSize}");
        if (order is not (null or "oldest" or "newest"))
            return Problem(400, "order", "must be oldest or newest");
        (DateTimeOffset, string)? after = null;
        if (cursor is not null)
        {
            if (QueueCursor.TryRead(cursor) is not { } position)
                return Problem(400, "cursor", "use the nextCursor of the previous page as it was given");
            after = position;
        }
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset? heldBefore = olderThanMinutes is { } minutes ? now.AddMinutes(-minutes) : null;
        var pageSize = limit ?? DefaultPageSize;
        var (list, more) = await items.PageUndecidedAsync(account, rule, heldBefore, order == "newest", after, pageSize, ct);
        return Results.Ok(new
        {
            items = list.Select(i => new
            {
                id = i.ItemId, kind = HeldItemKinds.Of(i), accountId = i.AccountId, rule = i.Rule, details = i.Details, messageCount = i.MessageCount, preview = i.Preview, heldAt = i.HeldAt,
                ageMinutes = (int)(now - i.HeldAt).TotalMinutes,
            }),
            order = order ?? "oldest",
            limit = pageSize,
            nextCursor = more ? QueueCursor.Write(list[^1].HeldAt, list[^1].ItemId) : null,
        });
    }

    /// <summary>One reason for many items; each item is decided on its own, so the answer lists every outcome.</summary>
    private static async Task<IResult> DecideManyAsync(bool approve, ManyDecisionsRequest? body, ClaimsPrincipal user, ModerationService service, CancellationToken ct)
    {
        if (body?.Ids is not { Length: > 0 } ids)
            return Problem(400, "ids", "list the ids of the items to decide");
        if (ids.Length > MaxItemsPerDecision)
            return Problem(400, "ids", $"at most {MaxItemsPerDecision} items per call, got {ids.Length}");
        if (string.IsNullOrWhiteSpace(body.Reason) && !approve)
            return Problem(400, "reason", "a rejection needs a reason the customer will see");
        var results = new List<object>();
        foreach (var id in ids.Distinct())
        {
            var outcome = await service.DecideAsync(id, approve, user.Identity!.Name!, body.Reason ?? "", ct);
            results.Add(outcome switch
            {
                DecisionOutcome.Decided d => new { id, outcome = approve ? "approved" : "rejected", status = 200, detail = $"{d.Messages} messages" },
                DecisionOutcome.AlreadyDecided a => new { id, outcome = "already-decided", status = 409, detail = $"already {(a.Approved ? "approved" : "rejected")}" },
                _ => new { id, outcome = "unknown", status = 404, detail = $"no held item '{id}'" },
            });
        }
        return Results.Ok(new { results });
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

    /// <summary>The provider opens an account and hands its first API key to the customer (shown once, stored hashed).</summary>
    private static async Task<IResult> CreateAccountAsync(CreateAccountRequest? body, AccountStore accounts, Identity.OrganizationDirectory organizations, CancellationToken ct)
    {
        var id = body?.Id?.Trim() ?? "";
        var errors = new ApiErrors();
        if (id.Length is < 2 or > 40 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            errors.Add("id", "2 to 40 characters: a-z, 0-9 and '-'");
        if (string.IsNullOrWhiteSpace(body?.Name))
            errors.Add("name", "required");
        var organization = string.IsNullOrWhiteSpace(body?.OrganizationId) ? null : await organizations.FindAsync(body.OrganizationId.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(body?.OrganizationId) && organization is null)
            errors.Add("organizationId", $"no organization '{body.OrganizationId.Trim()}'");
        if (errors.Any)
            return errors.Problem();
        var key = ApiKeyStore.NewSecret();
        if (!await accounts.CreateAsync(new AccountRecord { Id = id, Name = body!.Name!.Trim(), Organization = organization?.Name ?? body.Organization?.Trim() ?? body.Name.Trim(), MaxSegments = 10 }, key, ct))
            return Problem(409, "id", $"account '{id}' exists");
        if (organization is not null)
            await organizations.LinkAsync(id, organization.Id, ct);
        return Results.Json(new { id, name = body.Name.Trim(), apiKey = key, organizationId = organization?.Id }, statusCode: 201);
    }

    /// <summary>A command on an account that does not exist answers 404 (the account entity would otherwise start one).</summary>
    private static async Task<IResult?> UnknownAccountAsync(string id, AccountStore accounts, CancellationToken ct) =>
        (await accounts.ExistingAsync([id], ct)).Count == 0 ? Problem(404, "id", $"no account '{id}'") : null;

    private static async Task<IResult> SetLimitsAsync(string id, LimitsRequest? body, ClaimsPrincipal user, ModerationService service, AccountStore accounts, CancellationToken ct)
    {
        if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
            return unknown;
        var current = (await service.UsageAsync(id, ct)).Limits;
        var limits = new AccountLimits(body?.MessagesPerSecond ?? current.MessagesPerSecond, body?.MonthlySegments ?? current.MonthlySegments,
            body?.BulkThreshold ?? current.BulkThreshold);
        if (limits.Problems() is { Count: > 0 } invalid)
            return ApiProblems.Fields(400, invalid.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray()));
        await service.SetLimitsAsync(id, limits, user.Identity!.Name!, ct);
        return Results.Ok(new { id, limits = new { limits.MessagesPerSecond, limits.MonthlySegments, limits.BulkThreshold } });
    }

    private static async Task<IResult> ApproveDomainAsync(string id, DomainRequest? body, ClaimsPrincipal user, ModerationService service, AccountStore accounts, CancellationToken ct)
    {
        if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
            return unknown;
        if (!DomainName.TryNormalize(body?.Domain, out var domain, out var reason))
            return Problem(400, "domain", reason);
        var released = await service.ApproveDomainAsync(id, domain, user.Identity!.Name!, ct);
        return Results.Ok(new { id, domain, released });
    }

    private static async Task<IResult> AccountAsync(ClaimsPrincipal user, ModerationService service, NumberStore numbers, Engine.Pipeline.OutboundPipeline pipeline, CancellationToken ct)
    {
        var id = user.AccountId();
        var usage = await service.UsageAsync(id, ct);
        var owned = await numbers.OwnedByAsync(id, ct);
        var keywords = await numbers.KeywordsOfAsync(id, ct);
        return Results.Ok(new
        {
            id,
            name = user.Identity?.Name,
            limits = new { usage.Limits.MessagesPerSecond, usage.Limits.MonthlySegments, usage.Limits.BulkThreshold },
            monthToDate = new { segments = usage.MonthSegments, messages = usage.MonthMessages },
            approvedDomains = usage.ApprovedDomains,
            suspended = usage.Suspended,
            // Accepted messages still waiting for the account's rate (the rest of the backlog is with the operators).
            queued = pipeline.WaitingFor(id),
            numbers = owned.Select(n => n.Number),
            keywords = keywords.Select(k => new { shortNumber = k.Number, keyword = k.Keyword }),
            heldItems = usage.HeldItems.Select(i => new { id = i.ItemId, rule = i.Rule.ToWire(), details = i.Details, messageCount = i.MessageIds.Count, heldAt = i.HeldAt }),
        });
    }

    private static IResult Problem(int status, string field, string reason) => ApiProblems.Field(status, field, reason);
}
