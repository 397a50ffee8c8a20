using System.Security.Claims;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Identity;
using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.SignUps;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's sign-ups by SMS, the evidence of each contact's consent: when and how they joined a group (our number,
/// keyword, the text they sent, the inbound message's id) and when and how they left it again (STOPP). Read by the
/// account (admins, marketers, keys) or a moderator, a page at a time, of one group (<c>?groupId=</c>) and/or one
/// number (<c>?number=</c>). The sign-up rules say which keywords people text to join which group (the web app prints
/// their QR codes). Admins and marketers add and remove them here, one at a time, on keywords the account holds (admins
/// register keywords); each change touches only that sign-up, never the keyword's auto-replies, forwards or webhooks
/// (which <c>PUT /api/v1/rules</c>, for admins, replaces all at once).
/// </summary>
public static class SignUpsEndpoints
{
    private const int MaxPage = 1_000;

    /// <param name="Reply">The confirmation texted back (default: <see cref="SignUpConfirmation.Default"/>).</param>
    public sealed record SignUpRuleRequest(string? ShortNumber, string? Keyword, string? SubKeyword, string? GroupId, string? Reply);

    public static IEndpointRouteBuilder MapSignUps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/{id}/sign-ups", ListAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        app.MapGet("/api/v1/accounts/{id}/sign-up-rules", RulesAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
        app.MapPost("/api/v1/accounts/{id}/sign-up-rules", SaveRuleAsync).RequireRoles(Role.Admin, Role.Marketer)
            .Audited("sign-up-rule.put", c => c.Arguments.OfType<SignUpRuleRequest>().FirstOrDefault() is { } r ? $"{r.ShortNumber}/{r.Keyword}{(r.SubKeyword is null ? "" : " " + r.SubKeyword)}/{r.GroupId}" : null);
        app.MapDelete("/api/v1/accounts/{id}/sign-up-rules", RemoveRuleAsync).RequireRoles(Role.Admin, Role.Marketer)
            .Audited("sign-up-rule.remove", c => c.HttpContext.Request.QueryString.Value);
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
    /// Adds a sign-up to one of the account's groups on one of its keywords (or a sub-keyword of it), or changes the
    /// confirmation of the one there is: 201 when added, 200 when changed. The keyword's other rules are left as they are.
    /// </summary>
    private static async Task<IResult> SaveRuleAsync(string id, SignUpRuleRequest? body, ClaimsPrincipal user, AccountStore accounts, NumberService numbers,
        ContactGroupStore groups, CancellationToken ct)
    {
        // Whose account first, then every bad field at once (the group's existence included).
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var place = ParsePlace(body?.ShortNumber, body?.Keyword, body?.SubKeyword, errors);
        var groupId = body?.GroupId?.Trim();
        var group = string.IsNullOrEmpty(groupId) ? null : await groups.GetAsync(id, groupId, ct);
        if (string.IsNullOrEmpty(groupId))
            errors.Add("groupId", "the id of the contact group people join is required");
        else if (group is null)
            errors.Add("groupId", $"no group '{groupId}' in this account: give the id of one of its contact groups");
        var reply = body?.Reply?.Trim();
        if (body?.Reply is not null && (reply!.Length == 0 || reply.Length > SignUpConfirmation.MaxLength))
            errors.Add("reply", $"the confirmation is 1 to {SignUpConfirmation.MaxLength} characters, or left out for the default");
        if (errors.Any)
            return errors.Problem();
        // Only for the answer's status: two people adding the same sign-up at once may both be told 201.
        var before = (await numbers.GetAsync(place!.Value.Number, ct)).RulesOf(place.Value.Keyword, place.Value.SubKeyword)
            .Any(r => r.Kind == InboundRuleKind.SignUp && r.Target == groupId);
        return await numbers.PutSignUpAsync(place.Value.Number, id, place.Value.Keyword, place.Value.SubKeyword, groupId!, reply, ct) switch
        {
            ShortNumberReplies.Info => Results.Json(new
            {
                shortNumber = place.Value.Number, keyword = place.Value.Keyword, subKeyword = place.Value.SubKeyword,
                text = TextToSend(place.Value.Keyword, place.Value.SubKeyword), groupId, groupName = group!.Group.Name, reply,
            }, statusCode: before ? 200 : 201),
            ShortNumberReplies.Refused no => ApiProblems.Refusal(no.Kind, no.Field, no.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Removes a keyword's (or sub-keyword's) sign-up to a group: <c>?shortNumber=&amp;keyword=&amp;subKeyword=&amp;groupId=</c>.</summary>
    private static async Task<IResult> RemoveRuleAsync(string id, string? shortNumber, string? keyword, string? subKeyword, string? groupId, ClaimsPrincipal user,
        AccountStore accounts, NumberService numbers, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var place = ParsePlace(shortNumber, keyword, subKeyword, errors);
        if (string.IsNullOrWhiteSpace(groupId))
            errors.Add("groupId", "the id of the group whose sign-up goes is required");
        if (errors.Any)
            return errors.Problem();
        return await numbers.RemoveSignUpAsync(place!.Value.Number, id, place.Value.Keyword, place.Value.SubKeyword, groupId!.Trim(), ct) switch
        {
            ShortNumberReplies.Info => Results.NoContent(),
            ShortNumberReplies.Refused no => ApiProblems.Refusal(no.Kind, no.Field, no.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>What a person texts to sign up: the keyword, and its sub-keyword after a space.</summary>
    private static string TextToSend(string keyword, string? subKeyword) => subKeyword is null ? keyword : $"{keyword} {subKeyword}";

    /// <summary>The number, keyword and sub-keyword a sign-up is on, normalised as the number's entity keeps them; null with the errors added.</summary>
    private static (string Number, string Keyword, string? SubKeyword)? ParsePlace(string? shortNumber, string? keyword, string? subKeyword, ApiErrors errors)
    {
        if (!OurNumber.TryParse(shortNumber, out var number, out var numberReason))
            errors.Add("shortNumber", numberReason);
        string? word = null, sub = null;
        if (keyword is null)
            errors.Add("keyword", "people join by texting a keyword: name one the account holds on the number");
        else if (Keyword.TryCreate(keyword, out var k, out var reason))
            word = k.Value;
        else
            errors.Add("keyword", reason);
        if (!string.IsNullOrWhiteSpace(subKeyword))
        {
            if (Keyword.TryCreate(subKeyword, out var k, out var reason))
                sub = k.Value;
            else
                errors.Add("subKeyword", reason);
        }
        return word is null || errors.Any ? null : (number, word, sub);
    }

    /// <summary>
    /// The account's sign-up rules, one per keyword (or keyword and sub-keyword) and group: the words to text, where to
    /// text them, the group joined and its confirmation; and the account's keywords, where new sign-ups can go. The
    /// keywords come from the numbers' read model, their rules from each number's entity (one ask per shared number the
    /// account holds keywords on).
    /// </summary>
    private static async Task<IResult> RulesAsync(string id, ClaimsPrincipal user, AccountStore accounts, NumberStore numbers, NumberService service,
        ContactGroupStore groups, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var found = new List<(string Number, string Keyword, string? SubKeyword, InboundRule Rule)>();
        var held = await numbers.KeywordsOfAsync(id, ct);
        foreach (var onNumber in held.GroupBy(k => k.Number))
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
                text = TextToSend(f.Keyword, f.SubKeyword),
                groupId = f.Rule.Target, groupName = names[f.Rule.Target], reply = f.Rule.Reply,
            }),
            // Where a sign-up can be added: the keywords the account holds.
            keywords = held.Select(k => new { shortNumber = k.Number, keyword = k.Keyword }),
        });
    }
}
