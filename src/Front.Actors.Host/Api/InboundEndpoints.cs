using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.SignUps;
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

    /// <param name="Reply">A sign-up's confirmation text (default: <see cref="SignUpConfirmation.Default"/>).</param>
    public sealed record RuleRequest(string? Kind, string? Target, string? Secret, string? Reply = null);

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

    private static async Task<IResult> SetRulesAsync(RulesRequest? body, ClaimsPrincipal user, NumberService numbers, WebhookOptions webhooks, ContactGroupStore groups, CancellationToken ct)
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
        // A sign-up rule's group must be one of the account's, and people join by texting a keyword.
        var signUps = (body?.Rules ?? []).Select((r, i) => (Rule: r, Index: i))
            .Where(r => string.Equals(r.Rule.Kind, nameof(InboundRuleKind.SignUp), StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(r.Rule.Target)).ToList();
        if (signUps.Count > 0)
        {
            if (body?.Keyword is null)
                errors.Add("keyword", "a sign-up rule belongs to a keyword (or sub-keyword): people join by texting it");
            var missing = (await groups.MissingAsync(user.AccountId(), signUps.Select(r => r.Rule.Target!.Trim()).Distinct().ToList(), ct)).ToHashSet();
            foreach (var (rule, i) in signUps.Where(r => missing.Contains(r.Rule.Target!.Trim())))
                errors.Add($"rules[{i}].target", $"no group '{rule.Target!.Trim()}' in this account: give the id of one of its contact groups");
        }
        if (errors.Any)
            return errors.Problem();
        return await numbers.SetRulesAsync(number, user.AccountId(), keyword, subKeyword, rules, ct) switch
        {
            ShortNumberReplies.Info => Results.Ok(new { number, keyword, subKeyword, rules = rules.Select(r => new { kind = r.Kind.ToString(), target = r.Target, reply = r.Reply }) }),
            ShortNumberReplies.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    private static (string Field, string Reason)? ToRule(RuleRequest rule, WebhookOptions webhooks, out InboundRule? parsed)
    {
        parsed = null;
        if (!Enum.TryParse<InboundRuleKind>(rule.Kind, ignoreCase: true, out var kind) || int.TryParse(rule.Kind, out _))
            return ("kind", "must be AutoReply, ForwardToNumber, Webhook or SignUp");
        if (string.IsNullOrWhiteSpace(rule.Target))
            return ("target", "the reply text, the mobile number, the URL or the group's id is required");
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
            case InboundRuleKind.SignUp:
                if (rule.Reply is not null && (rule.Reply.Trim().Length == 0 || rule.Reply.Length > SignUpConfirmation.MaxLength))
                    return ("reply", $"the confirmation is 1 to {SignUpConfirmation.MaxLength} characters, or left out for the default");
                parsed = new InboundRule(kind, rule.Target.Trim(), Reply: rule.Reply?.Trim());
                return null;
            case InboundRuleKind.AutoReply when rule.Target.Length > 459:
                return ("target", "an auto-reply is at most 459 characters");
            default:
                parsed = new InboundRule(kind, rule.Target.Trim(), string.IsNullOrWhiteSpace(rule.Secret) ? null : rule.Secret);
                return null;
        }
    }
}
