using System.Security.Claims;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's sign-ups by SMS, the evidence of each contact's consent: when and how they joined a group (our number,
/// keyword, the text they sent, the inbound message's id) and when and how they left it again (STOPP). Read by the
/// account (admins, marketers, keys) or a moderator, a page at a time, of one group (<c>?groupId=</c>) and/or one
/// number (<c>?number=</c>).
/// </summary>
public static class SignUpsEndpoints
{
    private const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapSignUps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/accounts/{id}/sign-ups", ListAsync).RequireRoles(Role.Admin, Role.Marketer, Role.Moderator);
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
}
