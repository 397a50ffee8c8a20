using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>What the account entity journals.</summary>
public static class AccountEvents
{
    public interface IAccountEvent : Serialization.IPersisted;

    /// <summary>Messages were admitted in <paramref name="Month"/> (yyyy-MM, UTC).</summary>
    /// <param name="ItemId">The send's id (absent in older events), so a repeated send is recognised and not counted twice.</param>
    public sealed record MessagesAdmitted(int Messages, int Segments, string Month, string? ItemId = null) : IAccountEvent;

    public sealed record ItemHeld(HeldItem Item) : IAccountEvent;

    /// <summary>A held item was approved; its messages count towards <paramref name="Month"/> now.</summary>
    public sealed record ItemApproved(string ItemId, string Moderator, string Reason, DateTimeOffset At, string Month) : IAccountEvent;

    public sealed record ItemRejected(string ItemId, string Moderator, string Reason, DateTimeOffset At) : IAccountEvent;

    public sealed record DomainApproved(string Domain, string Moderator, DateTimeOffset At) : IAccountEvent;

    public sealed record LimitsChanged(AccountLimits Limits, string Moderator, DateTimeOffset At) : IAccountEvent;

    public sealed record AccountSuspended(string Moderator, string Reason, DateTimeOffset At) : IAccountEvent;

    public sealed record AccountResumed(string Moderator, DateTimeOffset At) : IAccountEvent;

    /// <summary>An alphanumeric sender name the account may send from.</summary>
    public sealed record SenderRegistered(string Name, string By, DateTimeOffset At) : IAccountEvent;

    public sealed record SenderRemoved(string Name, string By, DateTimeOffset At) : IAccountEvent;
}
