using System.Security.Cryptography;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Identity;

/// <summary>What asking for a code came to.</summary>
public abstract record ChallengeIssue
{
    public sealed record Sent(string ChallengeId) : ChallengeIssue;

    /// <summary>The user has no mobile number to send a code to.</summary>
    public sealed record NoMobile : ChallengeIssue;

    /// <summary>The user was sent as many codes as <see cref="CodeSendLimit"/> allows: the next may go at <see cref="Until"/>.</summary>
    public sealed record TooMany(DateTimeOffset Until) : ChallengeIssue;
}

/// <summary>What checking a code came to.</summary>
public abstract record ChallengeCheck
{
    public sealed record Passed(UserRecord User) : ChallengeCheck;

    /// <summary>No such challenge (or its user is gone).</summary>
    public sealed record Unknown : ChallengeCheck;

    public sealed record Refused(CodeCheck Why, int TriesLeft) : ChallengeCheck;
}

/// <summary>
/// Sign-in codes by SMS: issues a <see cref="OneTimeCode"/> for a user whose password was right, stores it hashed as a
/// challenge in the database (any node can check it), and sends the digits through the engine's own outbound pipeline
/// as a provider notice (<see cref="SendCommand.OfProvider"/>). Checking a code moves its stored tries and use forward
/// with a conditional update, so two nodes checking the same challenge at once cannot both accept it.
/// </summary>
public sealed class SignInChallenges(Database database, MessageIntake intake, IOptions<TwoFactorOptions> options, TimeProvider time)
{
    public async Task<ChallengeIssue> IssueAsync(UserRecord user, string address, CancellationToken ct = default)
    {
        if (user.Mobile is not { Length: > 0 } mobile)
            return new ChallengeIssue.NoMobile();
        var now = time.GetUtcNow();
        await using var db = database.Open();
        var since = now - CodeSendLimit.Window;
        var (digits, code) = OneTimeCode.Issue(now);
        var challenge = new SignInChallengeRecord
        {
            Id = "chl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserId = user.Id, OrganizationId = user.OrganizationId,
            AccountId = user.HomeAccountId, CodeHash = code.StoredHash, CreatedAt = now, ExpiresAt = code.ExpiresAt, Address = address,
        };
        // Stored first, then the others counted: two sign-ins at once (on any nodes) each see the other, so the limit
        // holds (at its edge both may be refused, never both sent past it).
        await db.InsertAsync(challenge, token: ct);
        var others = await db.GetTable<SignInChallengeRecord>().Where(c => c.UserId == user.Id && c.CreatedAt > since && c.Id != challenge.Id)
            .Select(c => c.CreatedAt).ToListAsync(ct);
        if (CodeSendLimit.NextAllowed(others, now) is { } until)
        {
            await db.GetTable<SignInChallengeRecord>().Where(c => c.Id == challenge.Id).DeleteAsync(ct);
            return new ChallengeIssue.TooMany(until);
        }
        // The challenge id is the client reference: a retried send of the same challenge is one message.
        var minutes = (int)OneTimeCode.Lifetime.TotalMinutes;
        await intake.SendAsync(SendCommand.OfProvider(options.Value.Sender, mobile, $"Innloggingskoden din er {digits}. Den gjelder i {minutes} minutter.", challenge.Id),
            maxSegments: 1, ct);
        return new ChallengeIssue.Sent(challenge.Id);
    }

    public async Task<ChallengeCheck> CheckAsync(string challengeId, string code, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var row = await db.GetTable<SignInChallengeRecord>().FirstOrDefaultAsync(c => c.Id == challengeId, ct);
        if (row is null)
            return new ChallengeCheck.Unknown();
        var stored = OneTimeCode.Restore(row.CodeHash, row.ExpiresAt, row.Attempts, row.UsedAt is not null);
        var now = time.GetUtcNow();
        var check = stored.Check(code, now);
        if (stored.Attempts != row.Attempts || stored.Used)
        {
            // Only from the state read: a concurrent check that moved it first makes this one a wrong try.
            var attempts = row.Attempts;
            var moved = await db.GetTable<SignInChallengeRecord>()
                .Where(c => c.Id == challengeId && c.Attempts == attempts && c.UsedAt == null)
                .Set(c => c.Attempts, stored.Attempts)
                .Set(c => c.UsedAt, stored.Used ? now : (DateTimeOffset?)null)
                .UpdateAsync(ct);
            if (moved == 0)
                return new ChallengeCheck.Refused(CodeCheck.Wrong, 0);
        }
        if (check != CodeCheck.Accepted)
            return new ChallengeCheck.Refused(check, Math.Max(0, OneTimeCode.MaxAttempts - stored.Attempts));
        var user = await db.GetTable<UserRecord>().FirstOrDefaultAsync(u => u.Id == row.UserId && u.DisabledAt == null, ct);
        return user is null ? new ChallengeCheck.Unknown() : new ChallengeCheck.Passed(user);
    }
}
