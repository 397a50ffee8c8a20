using System.Collections.Immutable;
using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>
/// The account's state: the month's volume, limits, approved domains, suspension, and the items held for
/// review. Pure: <see cref="Decide(AccountCommands.Admit, DateTimeOffset)"/> and friends turn a command into
/// events; <see cref="Apply"/> turns events into state. The actor only persists and replies.
/// </summary>
public sealed record AccountState(
    string Month,
    long MonthMessages,
    long MonthSegments,
    AccountLimits Limits,
    ImmutableSortedSet<string> ApprovedDomains,
    bool Suspended,
    ImmutableDictionary<string, HeldItem> Held,
    ImmutableDictionary<string, bool> Decisions) : Serialization.IPersisted
{
    public static readonly AccountState Empty = new("", 0, 0, AccountLimits.Default, ImmutableSortedSet<string>.Empty, false,
        ImmutableDictionary<string, HeldItem>.Empty, ImmutableDictionary<string, bool>.Empty);

    /// <summary>
    /// Decisions are remembered only this long (the latest ones) so the state does not grow with every item
    /// ever decided; older ones are answered from the read model, where every decision is kept.
    /// </summary>
    public const int RememberedDecisions = 1_000;

    /// <summary>Registered alphanumeric sender names, as registered (absent in older snapshots: none).</summary>
    public ImmutableSortedSet<string> Senders { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>The registered name that reads as <paramref name="name"/>, or null.</summary>
    public string? RegisteredSender(string name) => Senders.FirstOrDefault(s => Domain.Numbers.SenderName.Same(s, name));

    /// <summary>The latest admitted sends' item ids, oldest first, so a repeat is not counted twice (absent in older snapshots: empty).</summary>
    public ImmutableQueue<string> RecentAdmits { get; init; } = ImmutableQueue<string>.Empty;

    /// <summary>Decided item ids, oldest first, to forget the oldest (absent in older snapshots: empty).</summary>
    public ImmutableQueue<string> DecisionOrder { get; init; } = ImmutableQueue<string>.Empty;

    private static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM");

    private long SegmentsIn(string month) => month == Month ? MonthSegments : 0;

    /// <summary>Items an account may have waiting for review unless configured otherwise (each one is state here).</summary>
    public const int DefaultMaxHeldItems = 1_000;

    /// <summary>
    /// Admit or hold a send, as the misuse rules say: all of it, none of it, or (at the monthly limit) the first
    /// messages admitted and the rest held as one item. A send that would add a held item when
    /// <see cref="AccountCommands.Admit.MaxHeldItems"/> are already waiting is refused, nothing kept: held items
    /// are state of this entity and a moderator's queue, neither may grow without bound.
    /// </summary>
    public AdmitDecision Decide(AccountCommands.Admit admit, DateTimeOffset now)
    {
        if (Held.TryGetValue(admit.ItemId, out var already))
            return new AdmitDecision(null, null, null, AlreadyHeld: already);
        if (RecentAdmits.Contains(admit.ItemId))
            return new AdmitDecision(null, null, null, AlreadyAdmitted: true);
        var month = MonthOf(now);
        // An unregistered name waits for a moderator, whose approval registers it (a suspension still comes first).
        if (!Suspended && admit.AlphanumericSender is { } name && RegisteredSender(name) is null)
            return Held.Count >= admit.MaxHeldItems
                ? new AdmitDecision(null, null, $"{Held.Count} sends of this account are waiting for review (at most {admit.MaxHeldItems}); this one would be held too (unregistered sender '{name}')")
                : new AdmitDecision(null, new AccountEvents.ItemHeld(new HeldItem(admit.ItemId, HoldRule.UnregisteredSender, $"the sender name '{name}' is not registered to the account",
                    [], admit.MessageIds, admit.MessageIds.Count * admit.SegmentsPerMessage, now, name)), null);
        // A campaign's content was judged (or approved by a moderator) for the campaign as a whole: no link is held again here.
        var hold = MisuseRules.Evaluate(admit.ContentApproved ? "" : admit.Text, admit.MessageIds.Count, admit.SegmentsPerMessage, SegmentsIn(month), Limits, ApprovedDomains, Suspended);
        if (hold is null)
            return new AdmitDecision(new AccountEvents.MessagesAdmitted(admit.MessageIds.Count, admit.MessageIds.Count * admit.SegmentsPerMessage, month, admit.ItemId), null, null);
        if (Held.Count >= admit.MaxHeldItems)
            return new AdmitDecision(null, null,
                $"{Held.Count} sends of this account are waiting for review (at most {admit.MaxHeldItems}); this one would be held too ({hold.Rule.ToWire()}: {hold.Details})");
        var admitted = hold.Admitted > 0
            ? new AccountEvents.MessagesAdmitted(hold.Admitted, hold.Admitted * admit.SegmentsPerMessage, month, admit.ItemId)
            : null;
        var heldIds = admit.MessageIds.Skip(hold.Admitted).ToList();
        return new AdmitDecision(admitted,
            new AccountEvents.ItemHeld(new HeldItem(admit.ItemId, hold.Rule, hold.Details, hold.Domains, heldIds, heldIds.Count * admit.SegmentsPerMessage, now)),
            null);
    }

    /// <summary>A decision on a held item, or null when there is nothing to decide (unknown, or decided before).</summary>
    public AccountEvents.IAccountEvent? Decide(AccountCommands.Decide decide, DateTimeOffset now)
    {
        if (!Held.ContainsKey(decide.ItemId))
            return null;
        return decide.Approve
            ? new AccountEvents.ItemApproved(decide.ItemId, decide.Moderator, decide.Reason, now, MonthOf(now))
            : new AccountEvents.ItemRejected(decide.ItemId, decide.Moderator, decide.Reason, now);
    }

    /// <summary>
    /// Approving a domain releases the items whose every unapproved link is now covered, unless the account is
    /// suspended: then they stay held until it is resumed.
    /// </summary>
    public IReadOnlyList<AccountEvents.IAccountEvent> Decide(AccountCommands.ApproveDomain approve, string domain, DateTimeOffset now)
    {
        var events = new List<AccountEvents.IAccountEvent> { new AccountEvents.DomainApproved(domain, approve.Moderator, now) };
        if (!Suspended)
            events.AddRange(Covered(ApprovedDomains.Add(domain), approve.Moderator, $"domain {domain} approved", now));
        return events;
    }

    /// <summary>Resuming releases what approved domains cover now (approved while the account was suspended).</summary>
    public IReadOnlyList<AccountEvents.IAccountEvent> Decide(AccountCommands.Resume resume, DateTimeOffset now)
    {
        var events = new List<AccountEvents.IAccountEvent> { new AccountEvents.AccountResumed(resume.Moderator, now) };
        events.AddRange(Covered(ApprovedDomains, resume.Moderator, "its domains are approved (released on resume)", now));
        return events;
    }

    private IEnumerable<AccountEvents.ItemApproved> Covered(ImmutableSortedSet<string> approved, string moderator, string reason, DateTimeOffset now) =>
        Held.Values.Where(i => i.Rule == HoldRule.UnapprovedLink).OrderBy(i => i.HeldAt)
            .Where(item => item.Domains.All(d => approved.Any(a => Domain.Misuse.DomainName.IsCoveredBy(d, a))))
            .Select(item => new AccountEvents.ItemApproved(item.ItemId, moderator, reason, now, MonthOf(now)));

    public AccountState Apply(AccountEvents.IAccountEvent @event) => @event switch
    {
        AccountEvents.MessagesAdmitted e => AddVolume(e.Month, e.Messages, e.Segments).RememberAdmit(e.ItemId),
        AccountEvents.ItemHeld e => this with { Held = Held.SetItem(e.Item.ItemId, e.Item) },
        AccountEvents.ItemApproved e when Held.TryGetValue(e.ItemId, out var item) =>
            AddVolume(e.Month, item.MessageIds.Count, item.Segments).Remember(e.ItemId, true).RegisterOnApproval(item),
        AccountEvents.ItemRejected e => Remember(e.ItemId, false),
        AccountEvents.DomainApproved e => this with { ApprovedDomains = ApprovedDomains.Add(e.Domain) },
        AccountEvents.LimitsChanged e => this with { Limits = e.Limits },
        AccountEvents.AccountSuspended => this with { Suspended = true },
        AccountEvents.AccountResumed => this with { Suspended = false },
        AccountEvents.SenderRegistered e => RegisteredSender(e.Name) is null ? this with { Senders = Senders.Add(e.Name) } : this,
        AccountEvents.SenderRemoved e => this with { Senders = Senders.Remove(e.Name) },
        _ => this,
    };

    /// <summary>Approving a send held for its unregistered name registers the name.</summary>
    private AccountState RegisterOnApproval(HeldItem item) =>
        item is { Rule: HoldRule.UnregisteredSender, Sender: { } name } && RegisteredSender(name) is null ? this with { Senders = Senders.Add(name) } : this;

    private AccountState RememberAdmit(string? itemId)
    {
        if (itemId is null)
            return this;
        var recent = RecentAdmits.Enqueue(itemId);
        if (recent.Count() > RememberedDecisions)
            recent = recent.Dequeue();
        return this with { RecentAdmits = recent };
    }

    private AccountState Remember(string itemId, bool approved)
    {
        var decisions = Decisions.SetItem(itemId, approved);
        var order = DecisionOrder.Enqueue(itemId);
        while (decisions.Count > RememberedDecisions && !order.IsEmpty)
        {
            order = order.Dequeue(out var oldest);
            decisions = decisions.Remove(oldest);
        }
        return this with { Held = Held.Remove(itemId), Decisions = decisions, DecisionOrder = order };
    }

    private AccountState AddVolume(string month, long messages, long segments) => month == Month
        ? this with { MonthMessages = MonthMessages + messages, MonthSegments = MonthSegments + segments }
        : this with { Month = month, MonthMessages = messages, MonthSegments = segments };
}
