using Akka.Actor;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Accounts;

/// <summary>
/// One per account, sharded and event-sourced: admits sends or holds them under the misuse rules, records
/// moderators' decisions (the first decision on an item wins, once), approved domains, limits and
/// suspension, and keeps the month's volume. It replies only after the events are journaled.
/// </summary>
public sealed class AccountActor : PersistentEntity<AccountState, AccountEvents.IAccountEvent>
{
    private const int SnapshotEvery = 100;

    public AccountActor(string accountId) : base($"account-{accountId}", AccountState.Empty, SnapshotEvery, idleAfter: null)
    {
        Command<AccountCommands.Admit>(admit =>
        {
            var decision = State.Decide(admit, DateTimeOffset.UtcNow);
            if (decision.TooMany is { } reason)
            {
                Sender.Tell(new AccountReplies.Refused(admit.AccountId, RefusalKind.TooMany, reason));
                return;
            }
            if (decision.AlreadyHeld is { } item)
            {
                Sender.Tell(new AccountReplies.Held(admit.AccountId, item.ItemId, item.Rule, item.Details, 0, State.Limits.MessagesPerSecond, item.MessageIds));
                return;
            }
            if (decision.AlreadyAdmitted)
            {
                Sender.Tell(new AccountReplies.Admitted(admit.AccountId, State.MonthMessages, State.MonthSegments, State.Limits.MessagesPerSecond));
                return;
            }
            if (decision is { Admitted: { } admitted, Held: null })
            {
                // Admissions only add up, so they need not wait for each other; the next send is judged against
                // every admission made. The reply still waits for the write.
                ApplyAndPersistAsync(admitted, s => new AccountReplies.Admitted(admit.AccountId, s.MonthMessages, s.MonthSegments, s.Limits.MessagesPerSecond));
                return;
            }
            // A hold (perhaps after the part of a send that fits the month) changes what later sends see: they wait for it.
            var held = decision.Held!;
            PersistAndReply(decision.Events, s => new AccountReplies.Held(admit.AccountId, held.Item.ItemId, held.Item.Rule, held.Item.Details,
                decision.Admitted?.Messages ?? 0, s.Limits.MessagesPerSecond, held.Item.MessageIds));
        });

        Command<AccountCommands.Decide>(decide =>
        {
            if (State.Decisions.TryGetValue(decide.ItemId, out var approved))
            {
                Sender.Tell(new AccountReplies.AlreadyDecided(decide.AccountId, decide.ItemId, approved));
                return;
            }
            var item = State.Held.GetValueOrDefault(decide.ItemId);
            if (State.Decide(decide, DateTimeOffset.UtcNow) is not { } decision || item is null)
            {
                Sender.Tell(new AccountReplies.UnknownItem(decide.AccountId, decide.ItemId));
                return;
            }
            PersistAndReply(decision, _ => new AccountReplies.Decided(decide.AccountId, item, decide.Approve));
        });

        Command<AccountCommands.ApproveDomain>(approve =>
        {
            if (!DomainName.TryNormalize(approve.Domain, out var domain, out var reason))
            {
                Sender.Tell(new Status.Failure(new ArgumentException(reason, nameof(approve.Domain))));
                return;
            }
            var events = State.Decide(approve, domain, DateTimeOffset.UtcNow);
            var released = Released(events);
            PersistAndReply(events, _ => new AccountReplies.DomainApproved(approve.AccountId, domain, released));
        });

        Command<AccountCommands.SetLimits>(set =>
        {
            if (set.Limits.Validate() is { } invalid)
            {
                Sender.Tell(new Status.Failure(new ArgumentException(invalid.Reason, invalid.Field)));
                return;
            }
            PersistAndReply(new AccountEvents.LimitsChanged(set.Limits, set.Moderator, DateTimeOffset.UtcNow), _ => new AccountReplies.Done(set.AccountId));
        });
        Command<AccountCommands.Suspend>(s =>
            PersistAndReply(new AccountEvents.AccountSuspended(s.Moderator, s.Reason, DateTimeOffset.UtcNow), _ => new AccountReplies.Done(s.AccountId)));
        Command<AccountCommands.Resume>(resume =>
        {
            var events = State.Decide(resume, DateTimeOffset.UtcNow);
            var released = Released(events);
            PersistAndReply(events, _ => new AccountReplies.Resumed(resume.AccountId, released));
        });

        Command<AccountCommands.RegisterSender>(r =>
        {
            if (State.RegisteredSender(r.Name) is not null)
                Sender.Tell(new AccountReplies.Senders(r.AccountId, State.Senders.ToList()));
            else
                PersistAndReply(new AccountEvents.SenderRegistered(r.Name, r.By, DateTimeOffset.UtcNow), s => new AccountReplies.Senders(r.AccountId, s.Senders.ToList()));
        });
        Command<AccountCommands.RemoveSender>(r =>
        {
            if (State.RegisteredSender(r.Name) is not { } registered)
                Sender.Tell(new AccountReplies.UnknownSender(r.AccountId, r.Name));
            else
                PersistAndReply(new AccountEvents.SenderRemoved(registered, r.By, DateTimeOffset.UtcNow), s => new AccountReplies.Senders(r.AccountId, s.Senders.ToList()));
        });
        Command<AccountCommands.GetSenders>(get => Sender.Tell(new AccountReplies.Senders(get.AccountId, State.Senders.ToList())));

        Command<AccountCommands.GetUsage>(get => Sender.Tell(new AccountReplies.Usage(get.AccountId, State.Month, State.MonthMessages,
            State.MonthSegments, State.Limits, State.ApprovedDomains.ToList(), State.Suspended,
            State.Held.Values.OrderBy(i => i.HeldAt).ToList())));
        Command<AccountCommands.GetDecision>(get => Sender.Tell(new AccountReplies.Decision(get.AccountId, get.ItemId,
            State.Decisions.TryGetValue(get.ItemId, out var approved) ? approved : null, State.Held.GetValueOrDefault(get.ItemId))));
    }

    protected override AccountState Apply(AccountState state, AccountEvents.IAccountEvent @event) => state.Apply(@event);

    /// <summary>The held items these events approve, as they are before the events apply.</summary>
    private List<HeldItem> Released(IEnumerable<AccountEvents.IAccountEvent> events) =>
        events.OfType<AccountEvents.ItemApproved>().Select(e => State.Held[e.ItemId]).ToList();
}

/// <summary>Marks the account shard region in the actor registry.</summary>
public sealed class AccountRegion;

/// <summary>Routes account commands by account id over a fixed number of shards (never change it once data exists).</summary>
public sealed class AccountMessageExtractor() : EntityMessageExtractor<AccountCommands.IWithAccountId>(c => c.AccountId);
