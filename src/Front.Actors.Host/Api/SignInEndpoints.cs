using System.Globalization;
using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// Sign-in, sign-out and passwords. A sign-in locked by repeated failures answers 429 with <c>Retry-After</c> (seconds)
/// and a problem naming <c>userName</c> with the time to try again: the request was fine, its rate was not. Where the
/// organization requires a code by SMS, sign-in answers <c>{"challengeId"}</c> and <c>/sign-in/verify</c> with the code
/// gives the session; a refused code is a 401 naming <c>code</c>, an unknown challenge a 404 naming <c>challengeId</c>.
/// </summary>
public static class SignInEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record PasswordRequest(string? CurrentPassword, string? Password);

    public sealed record VerifyRequest(string? ChallengeId, string? Code);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sign-in", async (SignInRequest? body, HttpContext http, SignInService signIn, CancellationToken ct) =>
            await SignInAsync(body, http, signIn, s => new { token = s.Token, expiresAt = s.ExpiresAt }, ct)).AllowAnonymous();
        app.MapPost("/api/v1/sign-in/verify", (VerifyRequest? body, HttpContext http, SignInService signIn, CancellationToken ct) =>
            VerifyAsync(body, http, signIn, s => new { token = s.Token, expiresAt = s.ExpiresAt }, ct)).AllowAnonymous();
        app.MapPost("/api/v1/sign-out", SignOutAsync).RequireAuthorization();
        app.MapPut("/api/v1/users/{userName}/password", ChangePasswordAsync).RequireAuthorization().Audited("user.password");
        return app;
    }

    /// <summary>Shared with the agents' old sign-in, which answers with more about the agent.</summary>
    public static async Task<IResult> SignInAsync(SignInRequest? body, HttpContext http, SignInService signIn, Func<SignInOutcome.Session, object> answer, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (string.IsNullOrWhiteSpace(body?.UserName))
            errors.Add("userName", "required");
        if (string.IsNullOrEmpty(body?.Password))
            errors.Add("password", "required");
        if (errors.Any)
            return errors.Problem();
        var address = AddressOf(http);
        return Answer(await signIn.SignInAsync(body!.UserName!.Trim(), body.Password!, address, ct), http, answer);
    }

    /// <summary>Shared with the web sign-in, which puts the session in a cookie instead of the answer.</summary>
    public static async Task<IResult> VerifyAsync(VerifyRequest? body, HttpContext http, SignInService signIn, Func<SignInOutcome.Session, object> answer, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (string.IsNullOrWhiteSpace(body?.ChallengeId))
            errors.Add("challengeId", "required: the challengeId sign-in answered with");
        if (string.IsNullOrWhiteSpace(body?.Code))
            errors.Add("code", "required: the code sent by SMS");
        if (errors.Any)
            return errors.Problem();
        var outcome = await signIn.VerifyAsync(body!.ChallengeId!.Trim(), body.Code!.Trim(), AddressOf(http), ct);
        return Answer(outcome, http, answer);
    }

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "";

    private static IResult Answer(SignInOutcome outcome, HttpContext http, Func<SignInOutcome.Session, object> answer)
    {
        switch (outcome)
        {
            case SignInOutcome.Session session:
                return Results.Ok(answer(session));
            case SignInOutcome.CodeRequired code:
                return Results.Ok(new { challengeId = code.ChallengeId });
            case SignInOutcome.Locked locked:
                RetryAfter(http, locked.Until);
                return ApiProblems.Field(429, "userName", $"too many failed sign-ins: try again after {locked.Until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
            case SignInOutcome.TooManyCodes tooMany:
                RetryAfter(http, tooMany.Until);
                return ApiProblems.Field(429, "code", $"too many codes sent to this user: the next can be sent after {tooMany.Until.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
            case SignInOutcome.NoMobile:
                return ApiProblems.Field(403, "mobile", "your organization requires a code by SMS and you have no mobile number: ask an admin to add one");
            case SignInOutcome.UnknownChallenge:
                return ApiProblems.Field(404, "challengeId", "no such challenge: sign in again");
            case SignInOutcome.CodeRefused refused:
                var errors = new Dictionary<string, string[]>
                {
                    ["code"] = [refused.Why switch
                    {
                        CodeCheck.Expired => "the code has expired: sign in again for a new one",
                        CodeCheck.AlreadyUsed => "the code was already used: sign in again",
                        CodeCheck.TooManyAttempts => "too many wrong codes: sign in again for a new one",
                        _ => $"the code is wrong ({refused.TriesLeft} {(refused.TriesLeft == 1 ? "try" : "tries")} left)",
                    }],
                };
                // Also typed (codeRefusal: wrong, expired, already-used, too-many-attempts; triesLeft), so a page can say it in its own language.
                return Results.Problem(statusCode: 401, title: ApiProblems.TitleOf(401), detail: ApiProblems.DetailOf(errors), extensions: new Dictionary<string, object?>
                {
                    ["errors"] = errors, ["codeRefusal"] = WireName(refused.Why), ["triesLeft"] = refused.TriesLeft,
                });
            default:
                return ApiProblems.Field(401, "password", "the user name or password is wrong");
        }
    }

    private static string WireName(CodeCheck why) => why switch
    {
        CodeCheck.Expired => "expired",
        CodeCheck.AlreadyUsed => "already-used",
        CodeCheck.TooManyAttempts => "too-many-attempts",
        _ => "wrong",
    };

    private static void RetryAfter(HttpContext http, DateTimeOffset until)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<IResult> SignOutAsync(ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        if (user.FindFirstValue(IdentityClaims.Session) is not { } session)
            return ApiProblems.Field(400, "authorization", "sign-out ends a signed-in session; an API key is revoked by its account's admin");
        await sessions.RevokeAsync(session, ct);
        return Results.NoContent();
    }

    /// <summary>
    /// A user changes their own password (with the current one), or resets another's as an admin of the user's
    /// organization (staff for staff). Either way every other session of the user ends, and their hub connections close.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(string userName, PasswordRequest? body, ClaimsPrincipal caller, UserDirectory users,
        UserAuthority authority, SessionStore sessions, CancellationToken ct)
    {
        if (await users.FindAsync(userName, ct) is not { } target)
            return ApiProblems.Field(404, "userName", $"no user '{userName}'");
        var own = caller.FindFirstValue(IdentityClaims.UserId) == target.Id;
        var errors = new ApiErrors();
        if (!own && await authority.RefuseManagingAsync(caller, target, ct) is { } refused)
            return refused;
        if (own && !users.Verify(target, body?.CurrentPassword ?? ""))
            return ApiProblems.Field(403, "currentPassword", "the current password is wrong");
        if (PasswordPolicy.Refuse(target.UserName, body?.Password) is { } weak)
            errors.Add("password", weak);
        if (errors.Any)
            return errors.Problem();
        await users.SetPasswordAsync(target, body!.Password!, ct);
        await sessions.RevokeAllAsync(target.Id, own ? caller.FindFirstValue(IdentityClaims.Session) : null, ct);
        return Results.Ok(new { userName = target.UserName, reset = !own });
    }
}
