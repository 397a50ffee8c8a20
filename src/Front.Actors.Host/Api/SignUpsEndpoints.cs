using System.Security.Claims;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's sign-ups by SMS, the evidence of each contact's consent: when and how they joined a group (our number,
/// keyword, the text they sent, the inbound message's id) and when and how they left it again (STOPP). Read by the
/// account (admins, marketers, keys) or a moderator, a page at a time, of one group (<c>?groupId=</c>) and/or one
/// number (<c>?number=</c>). The sign-up rules say which keywords people text to join which group (the web app prints
/// their QR codes); they are set by admins with <c>PUT /api/v1/rules</c> and read here by marketers too.
/// </summary>
public static class SignUpsEndpoints
{
    private const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapSignUps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/{id}/sign-ups", ListAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        app.MapGet("/api/v1/accounts/{id}/sign-up-rules", RulesAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        return app;
    }

    private static async Task<IResult> ListAsync(string id, string? groupId, string? number, string? after, int? limit, ClaimsPrincipal user,
        AccountStore accounts, SignUpStore signUps, CancellationToken ct)
    {
        var errors = new ApiErrors();
        string? e164 = null;
        if (number is not null && !ContactNumber.TryNormalize(number, out e164, out var reason))
            errors.Add("number", reason);
        if (limit is < 1 or > MaxPage)
            errors.Add("limit", $"must be between 1 and {MaxPage}");
        if (errors.Any)
            return errors.Problem();
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var size = limit ?? 100;
        var page = await signUps.PageAsync(id, groupId, e164, after, size, ct);
        return Results.Ok(new
        {
            items = page.Select(s => new
            {
                id = s.Id, groupId = s.GroupId, contactId = s.ContactId, number = s.Number, ourNumber = s.OurNumber, keyword = s.Keyword, subKeyword = s.SubKeyword,
                text = s.Text, messageId = s.MessageId, joinedAt = s.JoinedAt,
                left = s.LeftAt is null ? null : new { at = s.LeftAt, ourNumber = s.LeftOurNumber, text = s.LeftText, messageId = s.LeftMessageId },
            }),
            next = page.Count == size ? page[^1].Id : null,
        });
    }

    /// <summary>
    /// The account's sign-up rules, one per keyword (or keyword and sub-keyword) and group: the words to text, where to
    /// text them, the group joined and its confirmation. The keywords come from the numbers' read model, their rules from
    /// each number's entity (one ask per shared number the account holds keywords on).
    /// </summary>
    private static async Task<IResult> RulesAsync(string id, ClaimsPrincipal user, AccountStore accounts, NumberStore numbers, NumberService service,
        ContactGroupStore groups, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var found = new List<(string Number, string Keyword, string? SubKeyword, InboundRule Rule)>();
        foreach (var onNumber in (await numbers.KeywordsOfAsync(id, ct)).GroupBy(k => k.Number))
        {
            var state = await service.GetAsync(onNumber.Key, ct);
            foreach (var keyword in onNumber)
            {
                if (!state.Keywords.TryGetValue(keyword.Keyword, out var entry) || entry.AccountId != id)
                    continue;
                found.AddRange(entry.Rules.Where(r => r.Kind == InboundRuleKind.SignUp).Select(r => (onNumber.Key, keyword.Keyword, (string?)null, r)));
                foreach (var (sub, rules) in entry.SubKeywords.OrderBy(s => s.Key, StringComparer.Ordinal))
                    found.AddRange(rules.Where(r => r.Kind == InboundRuleKind.SignUp).Select(r => (onNumber.Key, keyword.Keyword, (string?)sub, r)));
            }
        }
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var groupId in found.Select(f => f.Rule.Target).Distinct())
            names[groupId] = (await groups.GetAsync(id, groupId, ct))?.Group.Name;
        return Results.Ok(new
        {
            items = found.Select(f => new
            {
                shortNumber = f.Number, keyword = f.Keyword, subKeyword = f.SubKeyword,
                text = f.SubKeyword is null ? f.Keyword : $"{f.Keyword} {f.SubKeyword}",
                groupId = f.Rule.Target, groupName = names[f.Rule.Target], reply = f.Rule.Reply,
            }),
        });
    }
}
