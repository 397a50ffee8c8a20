using Front.Actors.Domain.Numbers;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Senders;

/// <summary>What the sender check found: a shared number's sends are recorded (for a bare STOPP); a protected name's allowed account needs no registration.</summary>
public sealed record SenderClearance(bool SharedNumber, bool ProtectedName);

/// <summary>
/// Senders belong to accounts. A numeric sender must be a number the account owns, or a shared number on which it
/// holds a keyword; a protected name only the accounts named for it may use. Anything else is refused naming
/// <c>from</c> (forbidden: it is someone else's). Whether an ordinary alphanumeric name is registered is the account
/// entity's decision (an unregistered one is held for a moderator), not this check's.
/// </summary>
public sealed class SenderCheck(NumberService numbers, SenderStore senders)
{
    public async Task<SenderClearance> CheckAsync(string accountId, Sender sender, CancellationToken ct = default)
    {
        if (sender.Kind == SenderKind.Alphanumeric)
        {
            var entry = await senders.FindProtectedAsync(sender.Value, ct);
            if (entry is not null && !entry.AccountIds.Split(',').Contains(accountId))
                throw new SendRefusedException("from", $"'{sender.Value}' is a protected sender name ({entry.Name}) that this account may not use", Engine.RefusalKind.Forbidden);
            return new SenderClearance(false, entry is not null);
        }
        var number = await numbers.GetAsync(sender.Value, ct);
        if (number.OwnerAccountId == accountId)
            return new SenderClearance(number.Shared, false);
        if (number.Shared && number.Keywords.Values.Any(k => k.AccountId == accountId))
            return new SenderClearance(true, false);
        throw new SendRefusedException("from", number.Shared
            ? $"{sender.Value} is a shared number on which this account holds no keyword"
            : $"{sender.Value} is not a number of this account", Engine.RefusalKind.Forbidden);
    }
}
