using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>
/// One per account, sharded and event-sourced: admits sends or holds them under the misuse rules, records
/// moderators' decisions (the first decision on an item wins, once), approved domains, limits and
/// suspension, and keeps the month's volume. It replies only after the events are journaled.
/// </summary>
public sealed class AccountActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 100;
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);

    private AccountState _state = AccountState.Empty;

    public AccountActor(string accountId)
    {
        PersistenceId = $"account-{accountId}";
        Context.SetReceiveTimeout(IdleAfter);

        Recover<AccountEvents.IAccountEvent>(e => _state = _state.Apply(e));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is AccountState state)
                _state = state;
        });

        Command<AccountCommands.Admit>(admit =>
        {
            var sender = Sender;
            var decision = _state.Decide(admit, DateTimeOffset.UtcNow);
            if (decision.TooMany is { } reason)
            {
                sender.Tell(new AccountReplies.Refused(admit.AccountId, RefusalKind.TooMany, reason));
                return;
            }
            if (decision is { Admitted: { } admitted, Held: null })
            {
                // Admissions only add up, so they need not wait for each other (the journal batches them). The
                // state counts them at once, so the next send is judged against every admission made; if the
                // write fails the actor stops and recovers only what was journaled. The reply waits for the write.
                _state = _state.Apply(admitted);
                var (messages, segments, rate) = (_state.MonthMessages, _state.MonthSegments, _state.Limits.MessagesPerSecond);
                PersistAsync(admitted, _ =>
                {
                    sender.Tell(new AccountReplies.Admitted(admit.AccountId, messages, segments, rate));
                    SnapshotNow();
                });
                return;
            }
            // A hold (perhaps after the part of a send that fits the month) changes what later sends see: they wait for it.
            var held = decision.Held!;
            var events = decision.Events;
            PersistAll(events, e =>
            {
                _state = _state.Apply(e);
                if (!ReferenceEquals(e, events[^1]))
                    return;
                sender.Tell(new AccountReplies.Held(admit.AccountId, held.Item.ItemId, held.Item.Rule, held.Item.Details,
                    decision.Admitted?.Messages ?? 0, _state.Limits.MessagesPerSecond));
                SnapshotNow();
            });
        });

        Command<AccountCommands.Decide>(decide =>
        {
            if (_state.Decisions.TryGetValue(decide.ItemId, out var approved))
            {
                Sender.Tell(new AccountReplies.AlreadyDecided(decide.AccountId, decide.ItemId, approved));
                return;
            }
            var item = _state.Held.GetValueOrDefault(decide.ItemId);
            if (_state.Decide(decide, DateTimeOffset.UtcNow) is not { } decision || item is null)
            {
                Sender.Tell(new AccountReplies.UnknownItem(decide.AccountId, decide.ItemId));
                return;
            }
            Persist(decision, e =>
            {
                _state = _state.Apply(e);
                Sender.Tell(new AccountReplies.Decided(decide.AccountId, item, decide.Approve));
                SnapshotNow();
            });
        });

        Command<AccountCommands.ApproveDomain>(approve =>
        {
            if (!DomainName.TryNormalize(approve.Domain, out var domain, out var reason))
            {
                Sender.Tell(new Status.Failure(new ArgumentException(reason, nameof(approve.Domain))));
                return;
            }
            var events = _state.Decide(approve, domain, DateTimeOffset.UtcNow);
            var released = events.OfType<AccountEvents.ItemApproved>().Select(e => _state.Held[e.ItemId]).ToList();
            var sender = Sender;
            PersistAll(events, e =>
            {
                _state = _state.Apply(e);
                if (ReferenceEquals(e, events[^1]))
                {
                    sender.Tell(new AccountReplies.DomainApproved(approve.AccountId, domain, released));
                    SnapshotNow();
                }
            });
        });

        Command<AccountCommands.SetLimits>(set =>
        {
            if (set.Limits.Validate() is { } invalid)
            {
                Sender.Tell(new Status.Failure(new ArgumentException(invalid.Reason, invalid.Field)));
                return;
            }
            PersistAndReply(new AccountEvents.LimitsChanged(set.Limits, set.Moderator, DateTimeOffset.UtcNow), set.AccountId);
        });
        Command<AccountCommands.Suspend>(s => PersistAndReply(new AccountEvents.AccountSuspended(s.Moderator, s.Reason, DateTimeOffset.UtcNow), s.AccountId));
        Command<AccountCommands.Resume>(resume =>
        {
            var events = _state.Decide(resume, DateTimeOffset.UtcNow);
            var released = events.OfType<AccountEvents.ItemApproved>().Select(e => _state.Held[e.ItemId]).ToList();
            var sender = Sender;
            PersistAll(events, e =>
            {
                _state = _state.Apply(e);
                if (ReferenceEquals(e, events[^1]))
                {
                    sender.Tell(new AccountReplies.Resumed(resume.AccountId, released));
                    SnapshotNow();
                }
            });
        });

        Command<AccountCommands.RegisterSender>(r =>
        {
            if (_state.RegisteredSender(r.Name) is not null)
                Sender.Tell(new AccountReplies.Senders(r.AccountId, _state.Senders.ToList()));
            else
                PersistAndTell(new AccountEvents.SenderRegistered(r.Name, r.By, DateTimeOffset.UtcNow), () => new AccountReplies.Senders(r.AccountId, _state.Senders.ToList()));
        });
        Command<AccountCommands.RemoveSender>(r =>
        {
            if (_state.RegisteredSender(r.Name) is not { } registered)
                Sender.Tell(new AccountReplies.UnknownSender(r.AccountId, r.Name));
            else
                PersistAndTell(new AccountEvents.SenderRemoved(registered, r.By, DateTimeOffset.UtcNow), () => new AccountReplies.Senders(r.AccountId, _state.Senders.ToList()));
        });
        Command<AccountCommands.GetSenders>(get => Sender.Tell(new AccountReplies.Senders(get.AccountId, _state.Senders.ToList())));

        Command<AccountCommands.GetUsage>(get => Sender.Tell(new AccountReplies.Usage(get.AccountId, _state.Month, _state.MonthMessages,
            _state.MonthSegments, _state.Limits, _state.ApprovedDomains.ToList(), _state.Suspended,
            _state.Held.Values.OrderBy(i => i.HeldAt).ToList())));
        Command<AccountCommands.GetDecision>(get => Sender.Tell(new AccountReplies.Decision(get.AccountId, get.ItemId,
            _state.Decisions.TryGetValue(get.ItemId, out var approved) ? approved : null, _state.Held.GetValueOrDefault(get.ItemId))));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId { get; }

    private void PersistAndTell(AccountEvents.IAccountEvent @event, Func<object> reply) =>
        Persist(@event, e =>
        {
            _state = _state.Apply(e);
            Sender.Tell(reply());
            SnapshotNow();
        });

    private void PersistAndReply(AccountEvents.IAccountEvent @event, string accountId) =>
        Persist(@event, e =>
        {
            _state = _state.Apply(e);
            Sender.Tell(new AccountReplies.Done(accountId));
            SnapshotNow();
        });

    private void SnapshotNow()
    {
        if (LastSequenceNr % SnapshotEvery == 0)
            SaveSnapshot(_state);
    }
}

/// <summary>Marks the account shard region in the actor registry.</summary>
public sealed class AccountRegion;

/// <summary>Routes account commands by account id over a fixed number of shards (never change it once data exists).</summary>
public sealed class AccountMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => (message as AccountCommands.IWithAccountId)?.AccountId;
}
