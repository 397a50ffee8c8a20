using System.Globalization;
using System.Security.Claims;
using System.Text;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's campaigns (admins and marketers; agents and other accounts get 403): create with an estimate, start,
/// pause, resume, cancel, a test send, progress and a per-recipient report streamed as CSV. The short path
/// <c>/api/v1/campaigns</c> acts on the caller's own account. Moderators decide held campaigns.
/// </summary>
public static class CampaignsEndpoints
{
    private const int MaxPage = 100;

    /// <param name="OptOutFooter">Append the account's opt-out line to every recipient's text (default false).</param>
    /// <param name="Numbers">A pasted or uploaded list of numbers (at most 100,000), besides or instead of <paramref name="Groups"/>.</param>
    public sealed record CreateRequest(string? Name, string? From, string? Text, string? TemplateId, List<string>? Groups, int? MessagesPerSecond, string? StartAt,
        WindowRequest? Window, bool? OptOutFooter = null, List<string>? Numbers = null);

    public sealed record WindowRequest(string? From, string? To, List<string>? Days);

    public sealed record TestRequest(List<string>? Numbers);

    public sealed record DecisionRequest(string? Reason);

    public sealed record SettingsRequest(bool? RequireApproval, int? FrequencyHours);

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/v1/accounts/{id}/campaigns").RequireRoles(Role.Admin, Role.Marketer);
        campaigns.MapPost("", CreateAsync).Audited("campaign.create");
        campaigns.MapGet("", ListAsync);
        campaigns.MapGet("/{campaignId}", GetAsync);
        campaigns.MapPost("/{campaignId}/start", (string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
            RunAsync(id, campaignId, user, accounts, service, store, () => service.StartAsync(id, campaignId, user.Actor(), user.HasAccountRole(id, Role.Admin), ct), ct)).Audited("campaign.start");
        campaigns.MapPost("/{campaignId}/pause", (string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
            RunAsync(id, campaignId, user, accounts, service, store, () => service.CommandAsync(id, new CampaignCommands.Pause(campaignId, user.Actor()), ct), ct)).Audited("campaign.pause");
        campaigns.MapPost("/{campaignId}/resume", (string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
            RunAsync(id, campaignId, user, accounts, service, store, () => service.CommandAsync(id, new CampaignCommands.Resume(campaignId, user.Actor()), ct), ct)).Audited("campaign.resume");
        campaigns.MapPost("/{campaignId}/cancel", (string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
            RunAsync(id, campaignId, user, accounts, service, store, () => service.CommandAsync(id, new CampaignCommands.Cancel(campaignId, user.Actor()), ct), ct)).Audited("campaign.cancel");
        // Maker/checker: only an admin of the account approves a marketer's campaign.
        campaigns.MapPost("/{campaignId}/approve", (string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
            user.HasAccountRole(id, Role.Admin)
                ? RunAsync(id, campaignId, user, accounts, service, store, () => service.CommandAsync(id, new CampaignCommands.Approve(campaignId, user.Actor()), ct), ct)
                : Task.FromResult(ApiProblems.Field(403, "authorization", "only an admin of the account approves a campaign"))).Audited("campaign.approve");
        campaigns.MapPost("/{campaignId}/test", TestAsync).Audited("campaign.test");
        campaigns.MapGet("/{campaignId}/report.csv", ReportAsync);
        campaigns.MapGet("/{campaignId}/report", SummaryAsync);

        app.MapGet("/api/v1/accounts/{id}/campaign-settings", SettingsAsync).RequireRoles(Role.Admin, Role.Marketer);
        app.MapPut("/api/v1/accounts/{id}/campaign-settings", SetSettingsAsync).RequireRoles(Role.Admin).Audited("campaign.settings");

        var moderation = app.MapGroup("/api/v1/moderation/campaigns").RequireRoles(Role.Moderator);
        moderation.MapPost("/{campaignId}/approve", (string campaignId, DecisionRequest? body, ClaimsPrincipal user, CampaignService service, CampaignStore store, CancellationToken ct) =>
            DecideAsync(campaignId, true, body, user, service, store, ct)).Audited("moderation.campaign.approve");
        moderation.MapPost("/{campaignId}/reject", (string campaignId, DecisionRequest? body, ClaimsPrincipal user, CampaignService service, CampaignStore store, CancellationToken ct) =>
            DecideAsync(campaignId, false, body, user, service, store, ct)).Audited("moderation.campaign.reject");
        return app;
    }

    private static async Task<IResult> CreateAsync(string id, CreateRequest? body, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var window = body?.Window is { } w ? new WindowSpec(w.From ?? "", w.To ?? "", w.Days is { Count: > 0 } days ? days : ["weekdays"]) : null;
        var request = new CampaignRequest(body?.Name, body?.From, body?.Text, body?.TemplateId, body?.Groups, body?.MessagesPerSecond, body?.StartAt, window,
            body?.OptOutFooter ?? false, body?.Numbers);
        try
        {
            var (campaignId, estimate) = await service.CreateAsync(id, request, user.Actor(), DateTimeOffset.UtcNow, ct);
            return Results.Json(new { id = campaignId, status = CampaignStatus.Draft.ToWire(), estimate = EstimateView(estimate) }, statusCode: 201);
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> ListAsync(string id, string? after, int? limit, ClaimsPrincipal user, AccountStore accounts, CampaignStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var size = Math.Clamp(limit ?? 50, 1, MaxPage);
        var page = await store.ListAsync(id, after, size, ct);
        return Results.Ok(new
        {
            items = page.Select(c => new { id = c.Id, name = c.Name, status = c.Status, total = c.Total, skipped = c.Skipped, createdAt = c.CreatedAt, updatedAt = c.UpdatedAt }),
            next = page.Count == size ? page[^1].Id : null,
        });
    }

    private static async Task<IResult> GetAsync(string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct) =>
        await RunAsync(id, campaignId, user, accounts, service, store, () => service.GetAsync(id, campaignId, ct), ct);

    private static async Task<IResult> RunAsync(string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store,
        Func<Task<CampaignReplies.Info>> command, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        try
        {
            var info = await command();
            return Results.Ok(View(info.State, await store.CountsAsync(campaignId, info.State.ReplyScope(), ct)));
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> TestAsync(string id, string campaignId, TestRequest? body, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        try
        {
            var result = await service.TestAsync(id, campaignId, body?.Numbers, ct);
            return Results.Json(new { messages = result.Messages, rejected = result.Rejected }, statusCode: 202);
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
    }

    /// <summary>One line per recipient in audience order, read a page at a time as it is written out.</summary>
    private static async Task<IResult> ReportAsync(string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        try
        {
            await service.GetAsync(id, campaignId, ct);
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await writer.WriteAsync("seq,number,contact_id,state,skip_reason,detail,message_id,message_status,operator,price_ore,updated_at\r\n");
            await foreach (var r in store.ReportAsync(campaignId, ct))
                await writer.WriteAsync(string.Join(',', r.Seq.ToString(CultureInfo.InvariantCulture), Csv(r.Number), Csv(r.ContactId), r.State, Csv(r.SkipReason), Csv(r.Detail),
                    Csv(r.MessageId), Csv(r.MessageStatus), Csv(r.Operator?.ToLowerInvariant()), r.PriceOre?.ToString(CultureInfo.InvariantCulture) ?? "",
                    r.UpdatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)) + "\r\n");
        }, "text/csv; charset=utf-8", $"campaign-{campaignId}.csv");
    }

    /// <summary>The report's totals: counts, delivery and cost per operator, failures by reason, deliveries per minute.</summary>
    private static async Task<IResult> SummaryAsync(string id, string campaignId, ClaimsPrincipal user, AccountStore accounts, CampaignService service, CampaignStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        CampaignReplies.Info info;
        try
        {
            info = await service.GetAsync(id, campaignId, ct);
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
        var report = await store.SummaryAsync(campaignId, info.State.ReplyScope(), ct);
        return Results.Ok(new
        {
            id = campaignId,
            counts = report.Counts,
            costOre = report.Operators.Sum(o => o.CostOre),
            operators = report.Operators,
            failures = report.Failures,
            overTime = report.OverTime,
        });
    }

    private static async Task<IResult> DecideAsync(string campaignId, bool approve, DecisionRequest? body, ClaimsPrincipal user, CampaignService service, CampaignStore store, CancellationToken ct)
    {
        try
        {
            var info = await service.DecideHoldAsync(campaignId, approve, user.Actor(), body?.Reason ?? "", ct);
            if (!info.State.Exists)
                return ApiProblems.Field(404, "campaignId", $"no campaign '{campaignId}'");
            return Results.Ok(View(info.State, await store.CountsAsync(campaignId, info.State.ReplyScope(), ct)));
        }
        catch (SendRefusedException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> SettingsAsync(string id, ClaimsPrincipal user, AccountStore accounts, CampaignStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var s = await store.SettingsAsync(id, ct);
        return Results.Ok(new { requireApproval = s.RequireApproval, frequencyHours = s.FrequencyMinutes is { } m ? m / 60.0 : (double?)null });
    }

    private static async Task<IResult> SetSettingsAsync(string id, SettingsRequest? body, ClaimsPrincipal user, AccountStore accounts, CampaignStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if (body?.FrequencyHours is < 0 or > 24 * 365)
            return ApiProblems.Field(400, "frequencyHours", "from 0 (no limit) to 8760 hours");
        var now = DateTimeOffset.UtcNow;
        var current = await store.SettingsAsync(id, ct);
        await store.SaveSettingsAsync(new CampaignSettingsRecord
        {
            AccountId = id, RequireApproval = body?.RequireApproval ?? current.RequireApproval,
            FrequencyMinutes = body?.FrequencyHours is { } hours ? (hours == 0 ? null : hours * 60) : current.FrequencyMinutes,
            CreatedAt = current.CreatedAt == default ? now : current.CreatedAt, UpdatedAt = now,
        }, ct);
        return await SettingsAsync(id, user, accounts, store, ct);
    }

    private static IResult Refusal(SendRefusedException e) => ApiProblems.Fields(ApiProblems.StatusOf(e.Kind), e.Errors);

    private static object EstimateView(CampaignEstimate e) => new
    {
        recipients = e.Recipients,
        segments = e.Segments,
        costOre = e.CostOre,
        routes = e.Routes.Select(r => new { @operator = r.Operator, recipients = r.Recipients, segments = r.Segments, costOre = r.CostOre }),
    };

    /// <summary>A campaign as the API shows it; its counts come from its recipients and their messages.</summary>
    public static object View(CampaignState s, CampaignCounts counts) => new
    {
        id = s.Id,
        name = s.Definition!.Name,
        status = s.Status.ToWire(),
        from = s.Definition.From,
        text = s.Definition.Text,
        templateId = s.Definition.TemplateId,
        groups = s.Definition.GroupIds,
        // The list itself is not repeated here (up to 100,000 numbers): how many it holds; the report lists each recipient.
        listSize = s.Definition.ListSize,
        optOutFooter = s.Definition.Footer is not null,
        optOutFooterText = s.Definition.Footer,
        messagesPerSecond = s.Definition.MessagesPerSecond,
        startAt = s.Definition.StartAt,
        window = s.Definition.Window is { } w ? new { from = w.From, to = w.To, days = w.Days, timeZone = "Europe/Oslo" } : null,
        // False while the audience is still being read into the recipients table; the counts grow until it is.
        audienceResolved = s.Snapshotted,
        counts = CountsView(counts),
        hold = s.HoldRule is null ? null : new { rule = s.HoldRule, details = s.HoldDetails },
        decision = s.Decision,
        nextOpening = s.NextOpening,
        createdBy = s.CreatedBy,
        createdAt = s.CreatedAt,
        updatedAt = s.UpdatedAt,
        finishedAt = s.FinishedAt,
    };

    public static object CountsView(CampaignCounts c) => new
    {
        total = c.Total,
        skipped = c.Skipped,
        skippedByReason = c.SkippedByReason,
        pending = c.Pending,
        submitted = c.Submitted,
        delivered = c.Delivered,
        failed = c.Failed,
        held = c.Held,
        optedOut = c.OptedOut,
        queued = c.Queued,
        awaitingReceipt = c.AwaitingReceipt,
        replies = c.Replies,
    };

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' && !value.Skip(1).All(char.IsAsciiDigit))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
