using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Domain.Numbers;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Senders;

/// <summary>What came of a change to an account's sender names: the names now, or a refusal naming the field.</summary>
public abstract record SenderOutcome
{
    public sealed record Names(IReadOnlyList<string> Registered) : SenderOutcome;

    public sealed record Refused(RefusalKind Kind, string Field, string Reason) : SenderOutcome;
}

/// <summary>
/// Alphanumeric sender names registered to an account (the account entity decides and journals them) and the
/// protected names moderators keep (the protected_senders table).
/// </summary>
public sealed class SenderService(IRequiredActor<AccountRegion> accounts, SenderStore store)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<string>> ListAsync(string accountId, CancellationToken ct = default) =>
        (await accounts.ActorRef.Ask<AccountReplies.Senders>(new AccountCommands.GetSenders(accountId), Timeout, ct)).Names;

    /// <summary>Registers the name; a protected name only for an account named for it.</summary>
    public async Task<SenderOutcome> RegisterAsync(string accountId, string? name, string by, CancellationToken ct = default)
    {
        if (Refuse(name) is { } invalid)
            return invalid;
        var trimmed = name!.Trim();
        if (await store.FindProtectedAsync(trimmed, ct) is { } entry && !entry.AccountIds.Split(',').Contains(accountId))
            return new SenderOutcome.Refused(RefusalKind.Conflict, "name", $"'{trimmed}' reads as the protected name {entry.Name}, which this account may not use");
        var reply = await accounts.ActorRef.Ask<AccountReplies.Senders>(new AccountCommands.RegisterSender(accountId, trimmed, by), Timeout, ct);
        return new SenderOutcome.Names(reply.Names);
    }

    public async Task<SenderOutcome> RemoveAsync(string accountId, string name, string by, CancellationToken ct = default) =>
        await accounts.ActorRef.Ask<object>(new AccountCommands.RemoveSender(accountId, name, by), Timeout, ct) switch
        {
            AccountReplies.Senders senders => new SenderOutcome.Names(senders.Names),
            _ => new SenderOutcome.Refused(RefusalKind.NotFound, "name", $"'{name}' is not registered to the account"),
        };

    /// <summary>A name an alphanumeric sender may have (the same rule a send's <c>from</c> follows), or the refusal.</summary>
    public static SenderOutcome.Refused? Refuse(string? name)
    {
        if (!Sender.TryParse(name, out var sender, out var reason))
            return new SenderOutcome.Refused(RefusalKind.Invalid, "name", reason);
        return sender.Kind == SenderKind.Alphanumeric ? null
            : new SenderOutcome.Refused(RefusalKind.Invalid, "name", "a registered sender name has at least one letter; numbers are the account's by owning them or a keyword on them");
    }
}
