using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Identity;

/// <summary>What a sign-in came to.</summary>
public abstract record SignInOutcome
{
    /// <summary>Signed in: the session's token (shown once) and when it ends.</summary>
    public sealed record Session(string Token, DateTimeOffset ExpiresAt, UserRecord User) : SignInOutcome;

    /// <summary>The password was right, the organization requires a code by SMS from this address, and one was sent.</summary>
    public sealed record CodeRequired(string ChallengeId) : SignInOutcome;

    /// <summary>A code is required but the user has no mobile number to send it to.</summary>
    public sealed record NoMobile : SignInOutcome;

    /// <summary>A code is required but the user was sent as many as allowed for now: the next may go at <see cref="Until"/>.</summary>
    public sealed record TooManyCodes(DateTimeOffset Until) : SignInOutcome;

    /// <summary>The code was wrong, expired, used, or its challenge has had too many tries.</summary>
    public sealed record CodeRefused(CodeCheck Why, int TriesLeft) : SignInOutcome;

    /// <summary>No such challenge.</summary>
    public sealed record UnknownChallenge : SignInOutcome;

    /// <summary>Too many failures for this user name or from this address: try again after <see cref="Until"/>.</summary>
    public sealed record Locked(DateTimeOffset Until) : SignInOutcome;

    /// <summary>The user name or the password is wrong (the same answer for both).</summary>
    public sealed record Wrong : SignInOutcome;
}

/// <summary>
/// Checks a password and opens a session, slowed down by <see cref="SignInThrottle"/> per user name and per source
/// address. An unknown user name costs a hash check like a known one and counts like one, so neither the answer nor
/// the time says which names exist. The throttle lives in this node's memory: a restart forgets it and each node of
/// a cluster counts its own attempts (a guesser spread over n nodes gets n times the tries). When the user's organization
/// requires a second factor (<see cref="TwoFactorPolicy"/>), a right password opens no session: it sends a code
/// (<see cref="SignInChallenges"/>), and <see cref="VerifyAsync"/> opens the session for the right code.
/// </summary>
public sealed class SignInService(UserDirectory users, SessionStore sessions, OrganizationDirectory organizations, SignInChallenges challenges, TimeProvider time)
{
    private readonly SignInThrottle _throttle = new(SignInThrottle.Limits.Default);

    public async Task<SignInOutcome> SignInAsync(string userName, string password, string address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        _throttle.Forget(now);
        if (_throttle.LockedUntil(userName, address, now) is { } until)
            return new SignInOutcome.Locked(until);
        var user = await users.FindAsync(userName, ct);
        if (!users.Verify(user, password))
        {
            _throttle.Failed(userName, address, now);
            return _throttle.LockedUntil(userName, address, now) is { } lockedNow ? new SignInOutcome.Locked(lockedNow) : new SignInOutcome.Wrong();
        }
        _throttle.Succeeded(userName);
        var security = await organizations.SecurityOfAsync(user!.OrganizationId, ct);
        if (TwoFactorPolicy.Requires(security.RequireTwoFactor, security.TrustedIpRanges, System.Net.IPAddress.TryParse(address, out var from) ? from : null))
            return await challenges.IssueAsync(user, address, ct) switch
            {
                ChallengeIssue.Sent sent => new SignInOutcome.CodeRequired(sent.ChallengeId),
                ChallengeIssue.TooMany tooMany => new SignInOutcome.TooManyCodes(tooMany.Until),
                _ => new SignInOutcome.NoMobile(),
            };
        return await OpenAsync(user, address, ct);
    }

    /// <summary>The second step: the code sent for a challenge opens the session (from wherever the code is typed).</summary>
    public async Task<SignInOutcome> VerifyAsync(string challengeId, string code, string address, CancellationToken ct = default) =>
        await challenges.CheckAsync(challengeId, code, ct) switch
        {
            ChallengeCheck.Passed passed => await OpenAsync(passed.User, address, ct),
            ChallengeCheck.Refused refused => new SignInOutcome.CodeRefused(refused.Why, refused.TriesLeft),
            _ => new SignInOutcome.UnknownChallenge(),
        };

    private async Task<SignInOutcome> OpenAsync(UserRecord user, string address, CancellationToken ct)
    {
        var (token, expiresAt) = await sessions.OpenAsync(user, address, ct);
        return new SignInOutcome.Session(token, expiresAt, user);
    }
}
