using Akka.Actor;
using Akka.Configuration;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.Conversations;

/// <summary>
/// The inbox read model follows the conversation journal (real SQL journal on a SQLite file): what an entity
/// journaled while the read-model write was skipped (a crash in between) reaches the read model through the
/// projection, once, however often the projection reads the same events again.
/// </summary>
public sealed class ConversationProjectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Account = "acme", OurNumber = "2401", Contact = "+4791234567";
    private static readonly string Id = ConversationIds.For(Account, OurNumber, Contact);

    private readonly Database _database;
    private readonly ActorSystem _system;
    private readonly RecordingNotifier _notifier = new();
    private readonly ConversationReadModel _readModel;

    public ConversationProjectionTests()
    {
        var file = TempFiles.NewPath("fa-projection", ".db");
        var storage = new StorageOptions { ConnectionString = $"Data Source={file}" };
        _database = new Database(storage);
        _database.EnsureCreated();
        _readModel = new ConversationReadModel(_database);
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence {
              journal.plugin = "akka.persistence.journal.sql"
              journal.sql { connection-string = "{{storage.ConnectionString}}", provider-name = "{{storage.ProviderName}}", class = "Front.Actors.Engine.Persistence.GroupCommitJournal, Front.Actors.Engine" }
              snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
              snapshot-store.sql { connection-string = "{{storage.ConnectionString}}", provider-name = "{{storage.ProviderName}}" }
              query.journal.sql { connection-string = "{{storage.ConnectionString}}", provider-name = "{{storage.ProviderName}}" }
            }
            akka.actor {
              serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
              serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
              serialization-identifiers { "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine" = 4711 }
            }
            """)
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        _system = ActorSystem.Create("projection-" + Guid.NewGuid().ToString("N")[..8], config);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    private ConversationProjection Projection() => new(_system, _readModel, _notifier);

    /// <summary>Journals through the entity alone: the service's read-model write never happens, as if the process stopped right after the journal.</summary>
    private async Task<ConversationReplies.Changed> JournalAsync(IActorRef thread, ConversationCommands.IWithConversationId command) =>
        Assert.IsType<ConversationReplies.Changed>(await thread.Ask<ConversationReplies.IReply>(command, Timeout));

    private async Task<(ConversationRecord? Thread, List<string> Messages, int Feed, List<OptOutRecord> OptOuts)> ReadModelAsync()
    {
        await using var db = _database.Open();
        return (await db.GetTable<ConversationRecord>().FirstOrDefaultAsync(c => c.Id == Id),
            await db.GetTable<ConversationMessageRecord>().Where(m => m.ConversationId == Id).OrderBy(m => m.Position).Select(m => m.MessageId).ToListAsync(),
            await db.GetTable<InboxEventRecord>().CountAsync(e => e.ConversationId == Id),
            await db.GetTable<OptOutRecord>().Where(o => o.AccountId == Account).ToListAsync());
    }

    private async Task RewindAsync(long offset)
    {
        await using var db = _database.Open();
        await db.InsertOrReplaceAsync(new ProjectionOffsetRecord { Name = ConversationProjection.Name, Offset = offset, UpdatedAt = DateTimeOffset.UtcNow });
    }

    [Fact]
    public async Task Events_journaled_without_their_read_model_write_reach_the_read_model_once_through_the_projection()
    {
        var thread = _system.ActorOf(Props.Create(() => new ConversationActor(Id)));
        await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_1", "Hei", null, OptChange.None));
        await JournalAsync(thread, new ConversationCommands.Claim(Id, "kari"));
        await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_2", "STOPP", null, OptChange.OptOut));
        var before = await ReadModelAsync();

        var reached = await Projection().CatchUpAsync();
        var after = await ReadModelAsync();
        await RewindAsync(0); // as if the offset had been stored before these events: the same events are read again
        await Projection().CatchUpAsync();
        var again = await ReadModelAsync();

        Assert.Null(before.Thread);
        Assert.True(reached > 0);
        Assert.Equal(("kari", true, 2, 5L), (after.Thread!.AssignedTo, after.Thread.OptedOut, after.Thread.Unread, after.Thread.AppliedSequenceNr));
        Assert.Equal(["in_1", "in_2"], after.Messages);
        Assert.Equal((OurNumber, Contact, "STOPP"), (Assert.Single(after.OptOuts).OurNumber, after.OptOuts[0].Contact, after.OptOuts[0].Word));
        Assert.Equal(4, after.Feed); // message, assignment, message, opt-out
        Assert.Equal(after.Feed, _notifier.Count);
        Assert.Equal((after.Thread.AppliedSequenceNr, after.Feed, after.OptOuts.Count), (again.Thread!.AppliedSequenceNr, again.Feed, again.OptOuts.Count));
        Assert.Equal(after.Messages, again.Messages);
        Assert.Equal(after.Feed, _notifier.Count);
    }

    [Fact]
    public async Task A_change_written_live_is_not_written_again_by_the_projection_and_one_after_a_skipped_change_waits_for_it()
    {
        var thread = _system.ActorOf(Props.Create(() => new ConversationActor(Id)));
        var first = await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_1", "Hei", null, OptChange.None));
        var live = await _readModel.ApplyAsync([new ConversationChange(Id, first.FirstSequenceNr, first.Events)], inOrderOnly: true);
        await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_2", "Hallo?", null, OptChange.None)); // its write is skipped
        var third = await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_3", "STOPP", null, OptChange.OptOut));
        var afterGap = await _readModel.ApplyAsync([new ConversationChange(Id, third.FirstSequenceNr, third.Events)], inOrderOnly: true);
        var left = await ReadModelAsync();

        await Projection().CatchUpAsync();
        var caughtUp = await ReadModelAsync();

        Assert.Equal("message", Assert.Single(Assert.Single(live)).Kind);
        Assert.Empty(Assert.Single(afterGap));
        Assert.Equal(["in_1"], left.Messages);
        Assert.Empty(left.OptOuts);
        Assert.Equal(["in_1", "in_2", "in_3"], caughtUp.Messages);
        Assert.Single(caughtUp.OptOuts);
        Assert.Equal(5L, caughtUp.Thread!.AppliedSequenceNr);
    }

    [Fact]
    public async Task The_running_projection_follows_events_journaled_after_it_started()
    {
        var projection = Projection();
        projection.Start();
        try
        {
            var thread = _system.ActorOf(Props.Create(() => new ConversationActor(Id)));
            await JournalAsync(thread, new ConversationCommands.Receive(Id, Account, OurNumber, Contact, "in_1", "STOPP", null, OptChange.OptOut));

            await _notifier.Reached(2).WaitAsync(Timeout); // message, opt-out: pushed once they are stored
            var state = await ReadModelAsync();

            Assert.Equal(["in_1"], state.Messages);
            Assert.Single(state.OptOuts);
            Assert.True(await _readModel.OffsetAsync(ConversationProjection.Name) > 0);
        }
        finally
        {
            projection.Stop();
        }
    }

    /// <summary>Counts pushed updates; <see cref="Reached"/> completes once that many have been pushed.</summary>
    private sealed class RecordingNotifier : IInboxNotifier
    {
        private readonly object _gate = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiting = [];
        private int _count;

        public int Count => _count;

        public Task Reached(int count)
        {
            lock (_gate)
            {
                if (_count >= count)
                    return Task.CompletedTask;
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add((count, done));
                return done.Task;
            }
        }

        public Task NotifyAsync(string accountId, IReadOnlyList<InboxUpdate> updates)
        {
            lock (_gate)
            {
                _count += updates.Count;
                foreach (var waiting in _waiting.Where(w => w.Count <= _count).ToList())
                {
                    waiting.Done.SetResult();
                    _waiting.Remove(waiting);
                }
            }
            return Task.CompletedTask;
        }
    }
}
