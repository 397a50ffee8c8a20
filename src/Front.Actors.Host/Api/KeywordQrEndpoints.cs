using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.SignUps;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// A QR code for a keyword, to print on posters and receipts: scanned, it opens the phone's SMS app with our number and
/// the keyword (or the text asked for with <c>?text=</c>, such as "DEMO BLI MED") filled in (<see cref="SmsQrPayload"/>).
/// Only the keyword's holder account (its admins, marketers and keys) and moderators may fetch it.
/// </summary>
public static class KeywordQrEndpoints
{
    public static IEndpointRouteBuilder MapKeywordQr(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/keywords/{shortNumber}/{keyword}/qr.svg", (string shortNumber, string keyword, string? text, ClaimsPrincipal user, NumberStore numbers, CancellationToken ct) =>
                DrawAsync(shortNumber, keyword, text, user, numbers, payload => Results.Text(KeywordQrCode.Svg(payload), "image/svg+xml; charset=utf-8"), ct))
            .RequireRoles(Role.Admin, Role.Marketer, Role.Moderator)
            .Produces<string>(200, "image/svg+xml");
        app.MapGet("/api/v1/keywords/{shortNumber}/{keyword}/qr.png", (string shortNumber, string keyword, string? text, ClaimsPrincipal user, NumberStore numbers, CancellationToken ct) =>
                DrawAsync(shortNumber, keyword, text, user, numbers, payload => Results.File(KeywordQrCode.Png(payload), "image/png"), ct))
            .RequireRoles(Role.Admin, Role.Marketer, Role.Moderator)
            .Produces<byte[]>(200, "image/png");
        return app;
    }

    private static async Task<IResult> DrawAsync(string shortNumber, string keyword, string? text, ClaimsPrincipal user, NumberStore numbers,
        Func<string, IResult> draw, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (!OurNumber.TryParse(shortNumber, out var number, out var numberReason))
            errors.Add("shortNumber", numberReason);
        if (!Keyword.TryCreate(keyword, out var parsed, out var keywordReason))
            errors.Add("keyword", keywordReason);
        else if (!SmsQrPayload.TryText(parsed.Value, text, out _, out var textReason))
            errors.Add("text", textReason);
        if (errors.Any)
            return errors.Problem();
        // The read model of the numbers' entities: no entity is woken for a number that is not ours.
        var holder = (await numbers.KeywordsOnAsync(number, ct)).FirstOrDefault(k => k.Keyword == parsed.Value);
        if (holder is null)
            return ApiProblems.Field(404, "keyword", $"'{parsed.Value}' is not a keyword on {number}");
        if (!user.IsStaff(Role.Moderator) && !user.HasAccountRole(holder.AccountId, Role.Admin, Role.Marketer))
            return ApiProblems.Field(403, "keyword", $"'{parsed.Value}' on {number} is another account's keyword");
        SmsQrPayload.TryText(parsed.Value, text, out var filledIn, out _);
        return draw(SmsQrPayload.For(number, filledIn));
    }
}
