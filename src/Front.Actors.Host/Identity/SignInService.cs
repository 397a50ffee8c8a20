using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Identity;

/// <summary>What a sign-in came to.</summary>
public abstract record SignInOutcome
{
    /// <summary>Signed in: the session's token (shown once) and when it ends.</summary>
    public sealed record Session(string Token, DateTimeOffset ExpiresAt, UserRecord User) : SignInOutcome;

    /// <summary>The password was right but a second factor is needed (two-factor sign-in plugs in here; nothing returns it yet).</summary>
    public sealed record CodeRequired(string ChallengeId) : SignInOutcome;

    /// <summary>Too many failures for this user name or from this address: try again after <see cref="Until"/>.</summary>
    public sealed record Locked(DateTimeOffset Until) : SignInOutcome;

    /// <summary>The user name or the password is wrong (the same answer for both).</summary>
    public sealed record Wrong : SignInOutcome;
}

/// <summary>
/// Checks a password and opens a session, slowed down by <see cref="SignInThrottle"/> per user name and per source
/// address. An unknown user name costs a hash check like a known one and counts like one, so neither the answer nor
/// the time says which names exist. The throttle lives in this node's memory: a restart forgets it and each node of
/// a cluster counts its own attempts (a guesser spread over n nodes gets n times the tries).
/// </summary>
public sealed class SignInService(UserDirectory users, SessionStore sessions, TimeProvider time)
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
        var (token, expiresAt) = await sessions.OpenAsync(user!, address, ct);
        return new SignInOutcome.Session(token, expiresAt, user!);
    }
}
