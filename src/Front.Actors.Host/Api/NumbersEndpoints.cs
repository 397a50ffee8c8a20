using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Domain.Numbers;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Host.Api;

/// <summary>
/// Short and virtual numbers, set up by the provider (moderator role): who owns a number, whether it is
/// shared by keyword, its default reply, and its own sending rate (changed at run time).
/// </summary>
public static class NumbersEndpoints
{
    public sealed record NumberRequest(string? OwnerAccountId, bool? Shared, string? DefaultReply);

    public sealed record NumberLimitsRequest(int? MessagesPerSecond);

    public static IEndpointRouteBuilder MapNumbers(this IEndpointRouteBuilder app)
    {
        var provider = app.MapGroup("/api/v1/numbers").RequireRoles(Role.Moderator, Role.Operations);
        provider.MapGet("{number}", GetAsync);
        provider.MapPut("{number}", ConfigureAsync).Audited("number.configure");
        provider.MapPut("{number}/limits", SetLimitsAsync).Audited("number.limits");
        return app;
    }

    private static async Task<IResult> GetAsync(string number, NumberService numbers, CancellationToken ct)
    {
        if (!OurNumber.TryParse(number, out var key, out var reason))
            return ApiProblems.Field(400, "number", reason);
        var state = await numbers.GetAsync(key, ct);
        return state.Configured ? Results.Ok(View(key, state)) : ApiProblems.Field(404, "number", $"{key} is not set up");
    }

    private static async Task<IResult> ConfigureAsync(string number, NumberRequest? body, ClaimsPrincipal user, NumberService numbers, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (!OurNumber.TryParse(number, out var key, out var reason))
            errors.Add("number", reason);
        if (string.IsNullOrWhiteSpace(body?.OwnerAccountId))
            errors.Add("ownerAccountId", "the account that owns the number is required");
        if (body?.DefaultReply is { Length: > 459 })
            errors.Add("defaultReply", "at most 459 characters (three segments)");
        if (errors.Any)
            return errors.Problem();
        return Answer(await numbers.ConfigureAsync(key, body!.OwnerAccountId!.Trim(), body.Shared ?? false, body.DefaultReply, user.Identity!.Name!, ct));
    }

    private static async Task<IResult> SetLimitsAsync(string number, NumberLimitsRequest? body, ClaimsPrincipal user, NumberService numbers, CancellationToken ct)
    {
        if (!OurNumber.TryParse(number, out var key, out var reason))
            return ApiProblems.Field(400, "number", reason);
        if (!(await numbers.GetAsync(key, ct)).Configured)
            return ApiProblems.Field(404, "number", $"{key} is not set up");
        return Answer(await numbers.SetRateAsync(key, body?.MessagesPerSecond, user.Identity!.Name!, ct));
    }

    private static IResult Answer(ShortNumberReplies.IReply reply) => reply switch
    {
        ShortNumberReplies.Info info => Results.Ok(View(info.Number, info.State)),
        ShortNumberReplies.Refused refused => ApiProblems.Refusal(refused.Kind, refused.Field, refused.Reason),
        _ => throw new InvalidOperationException($"unexpected reply {reply}"),
    };

    private static object View(string number, ShortNumberState state) => new
    {
        number,
        ownerAccountId = state.OwnerAccountId,
        shared = state.Shared,
        defaultReply = state.DefaultReply,
        limits = new { messagesPerSecond = state.MessagesPerSecond },
        keywords = state.Keywords.Select(k => new { keyword = k.Key, accountId = k.Value.AccountId }),
    };
}
