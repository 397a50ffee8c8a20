using Akka.Actor;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Front.Actors.Engine.Tests.Persistence;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.ShortNumbers;

/// <summary>
/// The numbers' read model follows the number journal (real SQL journal on a SQLite file): changes journaled while the
/// service's write was skipped (a crash in between) reach <c>numbers</c> and <c>keywords</c> through the projection, once.
/// </summary>
public sealed class NumberProjectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Number = "2401";

    private readonly Database _database;
    private readonly ActorSystem _system;
    private readonly NumberReadModel _readModel;

    public NumberProjectionTests()
    {
        (_database, _system) = SqlJournalSystem.Create("numbers");
        _readModel = new NumberReadModel(_database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    private NumberProjection Projection() => new(_system, _readModel);

    /// <summary>Journals through the entity alone, as if the process stopped right after the journal.</summary>
    private static async Task<ShortNumberReplies.Info> JournalAsync(IActorRef number, ShortNumberCommands.IWithNumber command) =>
        Assert.IsType<ShortNumberReplies.Info>(await number.Ask<ShortNumberReplies.IReply>(command, Timeout));

    private async Task<(NumberRecord? Number, List<string> Keywords, long? Applied)> ReadModelAsync()
    {
        await using var db = _database.Open();
        return (await db.GetTable<NumberRecord>().FirstOrDefaultAsync(n => n.Number == Number),
            await db.GetTable<KeywordRecord>().Where(k => k.Number == Number).OrderBy(k => k.Keyword).Select(k => k.Keyword + ":" + k.AccountId).ToListAsync(),
            await db.GetTable<EntityAppliedRecord>().Where(a => a.PersistenceId == "short-number-" + Number).Select(a => (long?)a.AppliedSequenceNr).FirstOrDefaultAsync());
    }

    [Fact]
    public async Task Changes_journaled_without_their_read_model_write_reach_the_read_model_once_through_the_projection()
    {
        var number = _system.ActorOf(Props.Create(() => new ShortNumberActor(Number)));
        await JournalAsync(number, new ShortNumberCommands.Configure(Number, "acme", true, "Ukjent kodeord", "ops"));
        await JournalAsync(number, new ShortNumberCommands.RegisterKeyword(Number, "PIZZA", "acme"));
        await JournalAsync(number, new ShortNumberCommands.RegisterKeyword(Number, "TACO", "bravo"));
        await JournalAsync(number, new ShortNumberCommands.ReleaseKeyword(Number, "PIZZA", "acme"));
        var last = await JournalAsync(number, new ShortNumberCommands.SetRate(Number, 20, "ops"));
        var before = await ReadModelAsync();

        await Projection().CatchUpAsync();
        var after = await ReadModelAsync();
        await SqlJournalSystem.RewindAsync(_database, NumberProjection.Name, 0); // the same events read again
        await Projection().CatchUpAsync();
        var again = await ReadModelAsync();

        Assert.Null(before.Number);
        Assert.Equal(("acme", true, "Ukjent kodeord", 20), (after.Number!.OwnerAccountId, after.Number.Shared, after.Number.DefaultReply, after.Number.MessagesPerSecond));
        Assert.Equal(["TACO:bravo"], after.Keywords);
        Assert.Equal(last.SequenceNr, after.Applied);
        Assert.Equal((after.Number.MessagesPerSecond, after.Applied), (again.Number!.MessagesPerSecond, again.Applied));
        Assert.Equal(after.Keywords, again.Keywords);
    }

    [Fact]
    public async Task A_change_written_live_is_not_written_again_and_a_later_skipped_one_is()
    {
        var number = _system.ActorOf(Props.Create(() => new ShortNumberActor(Number)));
        var configured = await JournalAsync(number, new ShortNumberCommands.Configure(Number, "acme", true, null, "ops"));
        var wrote = await _readModel.SaveAsync(Number, configured.State, configured.SequenceNr);
        var keyword = await JournalAsync(number, new ShortNumberCommands.RegisterKeyword(Number, "PIZZA", "bravo")); // its write is skipped
        var stale = await _readModel.SaveAsync(Number, configured.State, configured.SequenceNr); // the same live write again: changes nothing
        await JournalAsync(number, new ShortNumberCommands.SetRate(Number, 5, "ops")); // its write is skipped
        var live = await ReadModelAsync();

        await Projection().CatchUpAsync();
        var after = await ReadModelAsync();

        Assert.True(wrote);
        Assert.True(keyword.SequenceNr > configured.SequenceNr);
        Assert.False(stale);
        Assert.Null(live.Number!.MessagesPerSecond);
        Assert.Equal(5, after.Number!.MessagesPerSecond);
        Assert.Equal(["PIZZA:bravo"], after.Keywords);
    }
}
