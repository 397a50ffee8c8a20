using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Storage;
using LinqToDB;

namespace Front.Actors.Engine.Tests.Campaigns;

/// <summary>
/// A real SQLite file with contacts and groups, and actor systems on its SQL journal (one after the other, as process
/// restarts). The intake is replaced by <see cref="RecordingSender"/>: these tests are about the entity's states, not the
/// engine (the host tests send through the real intake to the simulator).
/// </summary>
public sealed class CampaignTestBed
{
    public const string Account = "acme";

    public CampaignTestBed()
    {
        File = TempFiles.NewPath("fa-campaign", ".db");
        Database = new Database(new StorageOptions { ConnectionString = $"Data Source={File}" });
        Database.EnsureCreated();
        Store = new CampaignStore(Database);
    }

    public string File { get; }

    public Database Database { get; }

    public CampaignStore Store { get; }

    public Config Config => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.test.single-expect-default = 30s
        akka.persistence {
          journal.plugin = "akka.persistence.journal.sql"
          journal.sql { connection-string = "Data Source={{File}}", provider-name = "SQLite.MS", class = "Front.Actors.Engine.Persistence.GroupCommitJournal, Front.Actors.Engine" }
          snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
          snapshot-store.sql { connection-string = "Data Source={{File}}", provider-name = "SQLite.MS" }
        }
        akka.actor {
          serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
          serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
          serialization-identifiers { "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine" = 4711 }
        }
        """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    /// <summary>A group of <paramref name="count"/> contacts with numbers +4791000000, +4791000001, …</summary>
    public async Task<string> GroupAsync(string name, int count, int firstNumber = 0)
    {
        var groups = new ContactGroupStore(Database);
        var contacts = new ContactStore(Database);
        var (group, _) = await groups.CreateAsync(Account, name);
        for (var i = 0; i < count; i++)
            await contacts.CreateAsync(Account, new ContactData($"+4791{firstNumber + i:D6}", null, $"Kari{i}", null, new Dictionary<string, string>()), [group!.Id]);
        return group!.Id;
    }

    public async Task OptOutAsync(string number)
    {
        await using var db = Database.Open();
        await db.InsertAsync(new OptOutRecord { AccountId = Account, OurNumber = "2401", Contact = number, Word = "STOPP", At = DateTimeOffset.UtcNow });
    }

    public static CampaignDefinition Definition(string group, int rate = 200, DateTimeOffset? startAt = null, WindowSpec? window = null, TimeSpan? frequency = null, string text = "Hei {firstName}!") =>
        new(Account, "Vårsalg", "Front", text, null, [group], rate, startAt, window, frequency);
}

/// <summary>Stands in for the intake: records every hand-over and, when gated, holds each until released.</summary>
public sealed class RecordingSender : ICampaignSender
{
    private readonly SemaphoreSlim? _gate;

    public RecordingSender(bool gated = false) => _gate = gated ? new SemaphoreSlim(0) : null;

    public ConcurrentQueue<(string CampaignId, long Seq, string Number, string Text)> Calls { get; } = new();

    public int Waiting;

    public void Release(int count) => _gate!.Release(count);

    public async Task<RecipientOutcome> SendAsync(string campaignId, CampaignDefinition definition, CampaignRecipientRecord recipient, CancellationToken ct = default)
    {
        Calls.Enqueue((campaignId, recipient.Seq, recipient.Number, recipient.Text ?? definition.Text));
        if (_gate is not null)
        {
            Interlocked.Increment(ref Waiting);
            await _gate.WaitAsync(ct);
            Interlocked.Decrement(ref Waiting);
        }
        return recipient.Number.EndsWith("999")
            ? new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Failed, null, "refused by the test")
            : new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Sent, $"msg_{campaignId}_{recipient.Seq}", null);
    }
}
