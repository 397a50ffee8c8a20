using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;

namespace Front.Actors.Engine.Accounts;

/// <summary>
/// One per account, sharded and event-sourced: admits outbound messages and keeps the month's volume.
/// It replies only after the event is journaled. Later work adds rates and misuse rules here.
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
            var admitted = _state.Admit(admit, DateTimeOffset.UtcNow);
            // Admissions only add up, so they need not wait for each other: the journal batches them.
            var sender = Sender;
            PersistAsync(admitted, e =>
            {
                _state = _state.Apply(e);
                sender.Tell(new AccountReplies.Admitted(admit.AccountId, _state.MonthMessages, _state.MonthSegments));
                if (LastSequenceNr % SnapshotEvery == 0)
                    SaveSnapshot(_state);
            });
        });
        Command<AccountCommands.GetUsage>(get =>
            Sender.Tell(new AccountReplies.Usage(get.AccountId, _state.Month, _state.MonthMessages, _state.MonthSegments)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId { get; }
}

/// <summary>Marks the account shard region in the actor registry.</summary>
public sealed class AccountRegion;

/// <summary>Routes account commands by account id over a fixed number of shards (never change it once data exists).</summary>
public sealed class AccountMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => (message as AccountCommands.IWithAccountId)?.AccountId;
}
