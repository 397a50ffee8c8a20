using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Webhooks;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// A customer's inbound set-up: keywords on shared short numbers (unique per number), the rules that run on
/// a number, keyword or sub-keyword, and how its webhooks fared. Moderators see what could not be routed.
/// </summary>
public static class InboundEndpoints
{
    public sealed record KeywordRequest(string? ShortNumber, string? Keyword);

    public sealed record RuleRequest(string? Kind, string? Target, string? Secret);

    public sealed record RulesRequest(string? Number, string? Keyword, string? SubKeyword, RuleRequest[]? Rules);

    public static IEndpointRouteBuilder MapInbound(this IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1").RequireRoles(Role.Admin);
        customer.MapPost("/keywords", RegisterAsync).Audited("keyword.register", c => c.Arguments.OfType<KeywordRequest>().FirstOrDefault() is { } k ? $"{k.ShortNumber}/{k.Keyword}" : null);
        customer.MapDelete("/keywords/{shortNumber}/{keyword}", ReleaseAsync).Audited("keyword.release");
        customer.MapPut("/rules", SetRulesAsync).Audited("rules.set", c => c.Arguments.OfType<RulesRequest>().FirstOrDefault() is { } r ? string.Join('/', new[] { r.Number, r.Keyword, r.SubKeyword }.Where(p => p is not null)) : null);
        customer.MapGet("/webhooks/deliveries", async (ClaimsPrincipal user, WebhookSender webhooks, CancellationToken ct) =>
            Results.Ok(new
            {
                items = (await webhooks.ListAsync(user.AccountId(), 100, ct)).Select(w => new
                {
                    id = w.Id, url = w.Url, status = w.Status, attempts = w.Attempts, lastError = w.LastError, createdAt = w.CreatedAt, updatedAt = w.UpdatedAt,
                }),
            }));

        app.MapGet("/api/v1/inbound/unrouted", async (ConversationStore store, CancellationToken ct) =>
                Results.Ok(new
                {
                    items = (await store.UnroutedAsync(200, ct)).Select(u => new { id = u.Id, from = u.From, to = u.To, text = u.Text, reason = u.Reason, bind = u.Bind, at = u.At }),
                }))
            .RequireRoles(Role.Moderator);
        return app;
    }

    private static async Task<IResult> RegisterAsync(KeywordRequest? body, ClaimsPrincipal user, NumberService numbers, CancellationToken ct)
    {
        if (!OurNumber.TryParse(body?.ShortNumber, out var number, out var numberReason))
            return ApiProblems.Field(400, "shortNumber", numberReason);
        if (!Keyword.TryCreate(body?.Keyword, out var keyword, out var reason))
            return ApiProblems.Field(400, "keyword", reason);
        if (OptOutWords.Default.Classify(keyword.Value) != OptOutIntent.None)
            return ApiProblems.Field(400, "keyword", $"'{keyword}' is a stop or start word and cannot be a keyword");
        return await numbers.RegisterKeywordAsync(number, keyword.Value, user.AccountId(), ct) switch
        {
            ShortNumberReplies.Info => Results.Json(new { shortNumber = number, keyword = keyword.Value }, statusCode: 201),
            ShortNumberReplies.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> ReleaseAsync(string shortNumber, string keyword, ClaimsPrincipal user, NumberService numbers, CancellationToken ct)
    {
        if (!OurNumber.TryParse(shortNumber, out var number, out var numberReason))
            return ApiProblems.Field(400, "shortNumber", numberReason);
        if (!Keyword.TryCreate(keyword, out var parsed, out var reason))
            return ApiProblems.Field(400, "keyword", reason);
        return await numbers.ReleaseKeywordAsync(number, parsed.Value, user.AccountId(), ct) switch
        {
            ShortNumberReplies.Info => Results.NoContent(),
            ShortNumberReplies.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> SetRulesAsync(RulesRequest? body, ClaimsPrincipal user, NumberService numbers, WebhookOptions webhooks, CancellationToken ct)
    {
        // Every bad field at once: the number, the keywords and each rule.
        var errors = new ApiErrors();
        if (!OurNumber.TryParse(body?.Number, out var number, out var numberReason))
            errors.Add("number", numberReason);
        string? keyword = null, subKeyword = null;
        if (body?.Keyword is not null)
        {
            if (Keyword.TryCreate(body.Keyword, out var k, out var reason))
                keyword = k.Value;
            else
                errors.Add("keyword", reason);
        }
        if (body?.SubKeyword is not null)
        {
            if (Keyword.TryCreate(body.SubKeyword, out var k, out var reason))
                subKeyword = k.Value;
            else
                errors.Add("subKeyword", reason);
        }
        var rules = new List<InboundRule>();
        foreach (var (rule, i) in (body?.Rules ?? []).Select((r, i) => (r, i)))
        {
            if (ToRule(rule, webhooks, out var parsed) is { } problem)
                errors.Add($"rules[{i}].{problem.Field}", problem.Reason);
            else
                rules.Add(parsed!);
        }
        if (errors.Any)
            return errors.Problem();
        return await numbers.SetRulesAsync(number, user.AccountId(), keyword, subKeyword, rules, ct) switch
        {
            ShortNumberReplies.Info => Results.Ok(new { number, keyword, subKeyword, rules = rules.Select(r => new { kind = r.Kind.ToString(), target = r.Target }) }),
            ShortNumberReplies.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    private static (string Field, string Reason)? ToRule(RuleRequest rule, WebhookOptions webhooks, out InboundRule? parsed)
    {
        parsed = null;
        if (!Enum.TryParse<InboundRuleKind>(rule.Kind, ignoreCase: true, out var kind) || int.TryParse(rule.Kind, out _))
            return ("kind", "must be AutoReply, ForwardToNumber or Webhook");
        if (string.IsNullOrWhiteSpace(rule.Target))
            return ("target", "the reply text, the mobile number or the URL is required");
        switch (kind)
        {
            case InboundRuleKind.ForwardToNumber:
                if (!Domain.Numbers.MobileNumberParser.TryParse(rule.Target, out var number, out var why))
                    return ("target", why);
                parsed = new InboundRule(kind, number.E164);
                return null;
            case InboundRuleKind.Webhook:
                // Literal addresses and local names are refused here; names are checked again at every connect.
                if (!WebhookTarget.TryParse(rule.Target, webhooks.AllowHttp, new AddressPolicy(webhooks.AllowLoopback), out var uri, out var refused))
                    return ("target", refused);
                if (rule.Secret is { Length: > 200 })
                    return ("secret", "at most 200 characters");
                parsed = new InboundRule(kind, uri.OriginalString.Trim(), string.IsNullOrWhiteSpace(rule.Secret) ? null : rule.Secret);
                return null;
            case InboundRuleKind.AutoReply when rule.Target.Length > 459:
                return ("target", "an auto-reply is at most 459 characters");
            default:
                parsed = new InboundRule(kind, rule.Target.Trim(), string.IsNullOrWhiteSpace(rule.Secret) ? null : rule.Secret);
                return null;
        }
    }
}
