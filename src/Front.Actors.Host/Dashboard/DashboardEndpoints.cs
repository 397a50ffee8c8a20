using System.Security.Claims;
using Akka.Actor;
using Akka.Cluster;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Front.Actors.Host.Identity;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Host.Dashboard;

/// <summary>
/// Read endpoints the screens needed and the API did not have: the dashboard's figures, and an account's inbound rules
/// (which could be set with <c>PUT /api/v1/rules</c> but not read back). Both only read.
/// </summary>
public static class DashboardEndpoints
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/dashboard", DashboardAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator, Role.Operations);
        app.MapGet("/api/v1/rules", RulesAsync).RequireRoles(Role.Admin);
        return app;
    }

    /// <summary>
    /// For an account's admins and marketers: its traffic today and this month (Oslo days), delivery rate, held items and
    /// queued messages. For provider staff: the node's binds and their state and per-operator throughput (this node's).
    /// </summary>
    private static async Task<IResult> DashboardAsync(ClaimsPrincipal user, Database database, ModerationService moderation, OutboundPipeline pipeline,
        OperatorBinds binds, ThroughputMeter meter, ActorSystem system, CancellationToken ct)
    {
        object? account = null;
        if (user.OwnAccount() is { } id && user.HasAccountRole(id, Role.Admin, Role.Marketer))
        {
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Oslo);
            var today = new DateTimeOffset(now.Date, now.Offset).ToUniversalTime();
            var month = new DateTimeOffset(new DateTime(now.Year, now.Month, 1), Oslo.GetUtcOffset(new DateTime(now.Year, now.Month, 1))).ToUniversalTime();
            await using var db = database.Open();
            // Grouped in the database: one row per status, however many messages (the account's rows, by the
            // (account_id, …) index; a large account would want an index on (account_id, created_at)).
            var rows = await db.GetTable<MessageRecord>().Where(m => m.AccountId == id && m.CreatedAt >= month)
                .GroupBy(m => new { m.Status, Today = m.CreatedAt >= today })
                .Select(g => new { g.Key.Status, g.Key.Today, Messages = g.Count(), Segments = g.Sum(m => m.Segments), Ore = g.Sum(m => m.PriceOre) })
                .ToListAsync(ct);
            var usage = await moderation.UsageAsync(id, ct);
            account = new
            {
                id,
                today = Period(rows.Where(r => r.Today).Select(r => (r.Status, r.Messages, r.Segments, r.Ore))),
                month = Period(rows.Select(r => (r.Status, r.Messages, r.Segments, r.Ore))),
                held = new { items = usage.HeldItems.Count, messages = usage.HeldItems.Sum(i => i.MessageIds.Count) },
                queued = pipeline.WaitingFor(id),
                limits = new { usage.Limits.MessagesPerSecond, usage.Limits.MonthlySegments },
                monthSegments = usage.MonthSegments,
                suspended = usage.Suspended,
            };
        }
        object? provider = null;
        if (user.IsStaff(Role.Moderator, Role.Operations))
        {
            var cluster = Cluster.Get(system);
            provider = new
            {
                node = cluster.SelfAddress.ToString(),
                cluster = cluster.SelfMember.Status.ToString().ToLowerInvariant(),
                members = cluster.State.Members.Count,
                binds = binds.All.Select(b => new { name = b.Name, @operator = b.Operator.ToString().ToLowerInvariant(), state = b.State.ToString().ToLowerInvariant(), up = b.IsUp, waiting = b.Queued }),
                throughput = meter.Snapshot(),
                windowSeconds = ThroughputMeter.WindowSeconds,
                alerts = binds.All.Where(b => !b.IsUp).Select(b => new { kind = "bind-down", subject = b.Name }),
            };
        }
        return Results.Ok(new { at = DateTimeOffset.UtcNow, account, provider });
    }

    private static object Period(IEnumerable<(string Status, int Messages, int Segments, long Ore)> rows)
    {
        var list = rows.ToList();
        int Of(params string[] statuses) => list.Where(r => statuses.Contains(r.Status)).Sum(r => r.Messages);
        var delivered = Of("delivered");
        var failed = Of("undeliverable", "expired", "rejected", "failed");
        return new
        {
            messages = list.Sum(r => r.Messages),
            segments = list.Sum(r => r.Segments),
            costOre = list.Sum(r => r.Ore),
            delivered,
            failed,
            pending = Of("accepted", "queued", "submitted"),
            held = Of("held"),
            // Of the messages that reached an end: delivered / (delivered + failed); null before any did.
            deliveryRate = delivered + failed == 0 ? (double?)null : Math.Round(delivered / (double)(delivered + failed), 4),
        };
    }

    /// <summary>The caller's account's inbound set-up: its numbers and keywords with their rules (webhook secrets never shown).</summary>
    private static async Task<IResult> RulesAsync(ClaimsPrincipal user, NumberStore numbers, NumberService service, CancellationToken ct)
    {
        var id = user.AccountId();
        var owned = await numbers.OwnedByAsync(id, ct);
        var keywords = await numbers.KeywordsOfAsync(id, ct);
        var result = new List<object>();
        foreach (var number in owned)
        {
            var state = await service.GetAsync(number.Number, ct);
            result.Add(new { number = number.Number, keyword = (string?)null, subKeyword = (string?)null, shared = number.Shared, rules = View(state.NumberRules) });
        }
        foreach (var group in keywords.GroupBy(k => k.Number))
        {
            var state = await service.GetAsync(group.Key, ct);
            foreach (var keyword in group)
            {
                if (!state.Keywords.TryGetValue(keyword.Keyword, out var entry) || entry.AccountId != id)
                    continue;
                result.Add(new { number = group.Key, keyword = keyword.Keyword, subKeyword = (string?)null, shared = true, rules = View(entry.Rules) });
                foreach (var (sub, rules) in entry.SubKeywords)
                    result.Add(new { number = group.Key, keyword = keyword.Keyword, subKeyword = (string?)sub, shared = true, rules = View(rules) });
            }
        }
        return Results.Ok(new { accountId = id, items = result });
    }

    private static IEnumerable<object> View(IReadOnlyList<InboundRule> rules) =>
        rules.Select(r => new { kind = r.Kind.ToString(), target = r.Target, hasSecret = !string.IsNullOrEmpty(r.Secret) });
}
