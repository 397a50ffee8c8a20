using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>What the account entity is asked; every command names its account so the extractor can route it.</summary>
public static class AccountCommands
{
    public interface IWithAccountId
    {
        string AccountId { get; }
    }

    /// <summary>
    /// Admit one send: <paramref name="MessageIds"/> to as many recipients, each <paramref name="SegmentsPerMessage"/>
    /// segments long. The answer is <see cref="AccountReplies.Admitted"/>, <see cref="AccountReplies.Held"/> (perhaps
    /// with the first messages admitted) or <see cref="AccountReplies.Refused"/> (too many items already held).
    /// </summary>
    /// <param name="AlphanumericSender">The send's alphanumeric sender name, if it has one: held unless registered to the account.</param>
    /// <param name="ContentApproved">A campaign's message: its content and size were judged for the campaign as a whole; only the monthly limit and a suspension apply.</param>
    public sealed record Admit(string AccountId, string ItemId, IReadOnlyList<string> MessageIds, int SegmentsPerMessage, string Text,
        int MaxHeldItems = AccountState.DefaultMaxHeldItems, string? AlphanumericSender = null, bool ContentApproved = false) : IWithAccountId;

    /// <summary>Registers an alphanumeric sender name to the account (a moderator, or local mode's seed).</summary>
    public sealed record RegisterSender(string AccountId, string Name, string By) : IWithAccountId;

    public sealed record RemoveSender(string AccountId, string Name, string By) : IWithAccountId;

    public sealed record GetSenders(string AccountId) : IWithAccountId;

    /// <summary>A moderator's decision on a held item; only the first one counts.</summary>
    public sealed record Decide(string AccountId, string ItemId, bool Approve, string Moderator, string Reason) : IWithAccountId;

    /// <summary>Approve a domain; items held only for links to approved domains are released.</summary>
    public sealed record ApproveDomain(string AccountId, string Domain, string Moderator) : IWithAccountId;

    public sealed record SetLimits(string AccountId, AccountLimits Limits, string Moderator) : IWithAccountId;

    public sealed record Suspend(string AccountId, string Moderator, string Reason) : IWithAccountId;

    public sealed record Resume(string AccountId, string Moderator) : IWithAccountId;

    public sealed record GetUsage(string AccountId) : IWithAccountId;

    /// <summary>What was decided about an item: approved, rejected, or nothing yet.</summary>
    public sealed record GetDecision(string AccountId, string ItemId) : IWithAccountId;
}

/// <summary>The account entity's answers.</summary>
public static class AccountReplies
{
    public sealed record Admitted(string AccountId, long MonthMessages, long MonthSegments, int MessagesPerSecond);

    /// <summary>
    /// The send is held as one item; its first <paramref name="Admitted"/> messages (request order) go now, at
    /// <paramref name="MessagesPerSecond"/> (only a send crossing the monthly limit has any).
    /// </summary>
    /// <param name="HeldMessageIds">The held messages' ids as the item lists them: a repeated send must store these, not new ones.</param>
    public sealed record Held(string AccountId, string ItemId, HoldRule Rule, string Details, int Admitted = 0, int MessagesPerSecond = 0,
        IReadOnlyList<string>? HeldMessageIds = null);

    /// <summary>The send was refused whole and nothing of it kept.</summary>
    public sealed record Refused(string AccountId, RefusalKind Kind, string Reason);

    /// <summary>The account may send again; these items, held for domains approved meanwhile, were released.</summary>
    public sealed record Resumed(string AccountId, IReadOnlyList<HeldItem> Released);

    /// <summary>The decision was recorded; on approval the item's messages may now leave, once.</summary>
    public sealed record Decided(string AccountId, HeldItem Item, bool Approved);

    public sealed record AlreadyDecided(string AccountId, string ItemId, bool Approved);

    public sealed record UnknownItem(string AccountId, string ItemId);

    /// <summary>The domain is approved; these items, held only for it, were released.</summary>
    public sealed record DomainApproved(string AccountId, string Domain, IReadOnlyList<HeldItem> Released);

    public sealed record Done(string AccountId);

    /// <summary>The account's registered alphanumeric sender names, as registered.</summary>
    public sealed record Senders(string AccountId, IReadOnlyList<string> Names);

    /// <summary>The name to remove was not registered to the account.</summary>
    public sealed record UnknownSender(string AccountId, string Name);

    /// <summary>Null <paramref name="Approved"/>: not decided (or not known).</summary>
    public sealed record Decision(string AccountId, string ItemId, bool? Approved, HeldItem? Item);

    public sealed record Usage(string AccountId, string Month, long MonthMessages, long MonthSegments, AccountLimits Limits,
        IReadOnlyList<string> ApprovedDomains, bool Suspended, IReadOnlyList<HeldItem> HeldItems);
}
