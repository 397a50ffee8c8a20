using Akka.Actor;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;
using Front.Actors.Engine.Tests.Persistence;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.Moderation;

/// <summary>
/// Held items and decisions follow the account journal (real SQL journal on a SQLite file): a decision journaled while
/// its release was skipped (a crash in between) is carried out by the projection, the held messages move and are
/// handed to the pipeline once, however often the projection reads the same events again.
/// </summary>
public sealed class DecisionProjectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Account = "acme";

    private readonly Database _database;
    private readonly ActorSystem _system;
    private readonly RecordingHandOver _handOver = new();
    private readonly RecordingModerators _moderators = new();
    private readonly HeldItemRelease _release;

    public DecisionProjectionTests()
    {
        (_database, _system) = SqlJournalSystem.Create("decisions");
        var statuses = new StatusWriter(new StatusStore(_database), new NoStatusPushes());
        _release = new HeldItemRelease(_system, new AccountReadModel(_database), new HeldItemStore(_database), statuses, _moderators, _handOver);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    private DecisionProjection Projection() => new(_system, _release);

    /// <summary>Holds a send through the entity and stores its messages as held, as the send path does before it lists the item.</summary>
    private async Task<IActorRef> HoldAsync(string itemId, params string[] messageIds)
    {
        var account = _system.ActorOf(Props.Create(() => new AccountActor(Account)));
        var reply = await account.Ask<object>(new AccountCommands.Admit(Account, itemId, messageIds, 1, "Hei", AlphanumericSender: "ACME"), Timeout);
        Assert.IsType<AccountReplies.Held>(reply);
        await using var db = _database.Open();
        foreach (var id in messageIds)
            await db.InsertAsync(new MessageRecord
            {
                Id = id, AccountId = Account, Sender = "ACME", Recipient = "+4791234567", Text = "Hei", Encoding = "gsm7", Segments = 1,
                Status = MessageStatus.Held.ToWire(), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
        return account;
    }

    private async Task<(HeldItemRecord? Item, List<string> Statuses, int AcceptedSteps)> ReadModelAsync(string itemId, params string[] messageIds)
    {
        await using var db = _database.Open();
        return (await db.GetTable<HeldItemRecord>().FirstOrDefaultAsync(i => i.ItemId == itemId),
            await db.GetTable<MessageRecord>().Where(m => messageIds.Contains(m.Id)).OrderBy(m => m.Id).Select(m => m.Status).ToListAsync(),
            await db.GetTable<StatusHistoryRecord>().CountAsync(h => messageIds.Contains(h.MessageId) && h.Status == "accepted"));
    }

    [Fact]
    public async Task A_decision_journaled_without_its_release_is_released_once_by_the_projection()
    {
        var account = await HoldAsync("item_1", "msg_1", "msg_2");
        // Decided by the entity alone: the service's release never happens, as if the process stopped right after the journal.
        Assert.IsType<AccountReplies.Decided>(await account.Ask<object>(new AccountCommands.Decide(Account, "item_1", true, "mona", "ok"), Timeout));
        var before = await ReadModelAsync("item_1", "msg_1", "msg_2");

        var reached = await Projection().CatchUpAsync();
        var after = await ReadModelAsync("item_1", "msg_1", "msg_2");
        await SqlJournalSystem.RewindAsync(_database, DecisionProjection.Name, 0); // the same events read again
        await Projection().CatchUpAsync();
        var again = await ReadModelAsync("item_1", "msg_1", "msg_2");

        Assert.Null(before.Item);
        Assert.Equal(["held", "held"], before.Statuses);
        Assert.True(reached > 0);
        Assert.Equal(("approved", "mona", 2), (after.Item!.Decision, after.Item.DecidedBy, after.Item.MessageCount));
        Assert.Equal(["accepted", "accepted"], after.Statuses);
        Assert.Equal(2, after.AcceptedSteps);
        Assert.Equal(["msg_1", "msg_2"], _handOver.Released.Order());
        Assert.Equal(["item_1"], _moderators.Listed);
        Assert.Equal(["item_1"], _moderators.Decided);
        Assert.Equal((after.Item.Decision, after.AcceptedSteps), (again.Item!.Decision, again.AcceptedSteps));
        Assert.Equal(after.Statuses, again.Statuses);
        Assert.Equal(2, _handOver.Released.Count);
        Assert.Single(_moderators.Decided);
    }

    [Fact]
    public async Task A_decision_released_live_is_not_released_again_by_the_projection()
    {
        var account = await HoldAsync("item_2", "msg_3");
        await using (var db = _database.Open())
            await db.InsertAsync(new HeldItemRecord { ItemId = "item_2", AccountId = Account, Rule = "unregistered-sender", Details = "", MessageCount = 1, MessageIds = "msg_3", HeldAt = DateTimeOffset.UtcNow });
        Assert.IsType<AccountReplies.Decided>(await account.Ask<object>(new AccountCommands.Decide(Account, "item_2", false, "mona", "spam"), Timeout));
        var live = await _release.ApplyAsync([new AccountChange.Decided(Account, "item_2", false, "mona", "spam", DateTimeOffset.UtcNow)]);

        await Projection().CatchUpAsync();
        var after = await ReadModelAsync("item_2", "msg_3");

        Assert.Equal(("msg_3", MessageStatus.Rejected), (Assert.Single(live.Moved).MessageId, live.Moved[0].Status));
        Assert.Equal("rejected", after.Item!.Decision);
        Assert.Equal(["rejected"], after.Statuses);
        Assert.Empty(_handOver.Released);
        Assert.Empty(_moderators.Listed); // listed by the send path already
        Assert.Single(_moderators.Decided);
    }

    private sealed class RecordingHandOver : IHeldMessageHandOver
    {
        public List<string> Released { get; } = [];

        public Task HandOverAsync(IReadOnlyList<MessageRecord> released, CancellationToken ct = default)
        {
            Released.AddRange(released.Select(m => m.Id));
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingModerators : IModerationNotifier
    {
        public List<string> Listed { get; } = [];

        public List<string> Decided { get; } = [];

        public Task ItemHeldAsync(HeldItemRecord item)
        {
            Listed.Add(item.ItemId);
            return Task.CompletedTask;
        }

        public Task ItemDecidedAsync(string itemId, string accountId, string decision, string moderator, string reason)
        {
            Decided.Add(itemId);
            return Task.CompletedTask;
        }
    }

    private sealed class NoStatusPushes : IStatusNotifier
    {
        public Task NotifyAsync(IReadOnlyList<StatusChange> changes) => Task.CompletedTask;
    }
}
