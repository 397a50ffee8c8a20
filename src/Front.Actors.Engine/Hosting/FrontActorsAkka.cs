using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Remote.Hosting;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Serialization;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Hosting;

/// <summary>The engine's Akka setup: one call composes cluster, persistence, serialization and the sharded entities.</summary>
public static class FrontActorsAkka
{
    public static AkkaConfigurationBuilder ConfigureFrontActors(this AkkaConfigurationBuilder builder, NodeOptions node, StorageOptions storage, string clusterConfigPath)
    {
        if (File.Exists(clusterConfigPath))
            builder.AddHocon(File.ReadAllText(clusterConfigPath), HoconAddMode.Prepend);
        return builder
            .WithRemoting(node.Hostname, node.Port)
            .WithClustering(new ClusterOptions { SeedNodes = node.Seeds, Roles = ["engine"] })
            .AddStartup((system, _) =>
            {
                if (node.Seeds.Length == 0)
                    Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);
            })
            .AddSqlPersistence(storage)
            .WithCustomSerializer("front-actors", [typeof(IPersisted)], system => new EngineSerializer(system))
            .AddEntities(node.IdleEntitiesAfter);
    }

    /// <summary>
    /// Journal and snapshots (Akka.Persistence.Sql) in the database <see cref="JournalDatabase"/> chooses: PostgreSQL's
    /// own, SQLite's file beside the read models'. Projections read it in its global order (no tags).
    /// </summary>
    private static AkkaConfigurationBuilder AddSqlPersistence(this AkkaConfigurationBuilder builder, StorageOptions storage)
    {
        var journal = JournalDatabase.ConnectionString(storage);
        JournalDatabase.Prepare(storage.Provider, journal);
        var connection = journal.Replace("\"", "\\\"");
        var hocon = $$"""
            akka.persistence {
              journal.plugin = "akka.persistence.journal.sql"
              journal.sql {
                connection-string = "{{connection}}", provider-name = "{{storage.ProviderName}}"
                class = "{{typeof(GroupCommitJournal).AssemblyQualifiedName}}"
              }
              snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
              snapshot-store.sql { connection-string = "{{connection}}", provider-name = "{{storage.ProviderName}}" }
              query.journal.sql { connection-string = "{{connection}}", provider-name = "{{storage.ProviderName}}" }
            }
            """;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            hocon += SqliteJournalTuning;
            // The plugin's connections get the same pragmas as the engine's (write-ahead log flushed at checkpoints, a busy
            // timeout): a journal commit that waited for a disk flush each time held the one journal writer back.
            var data = Database.DataOptionsFor(storage, journal);
            var setup = new MultiDataOptionsSetup();
            foreach (var plugin in new[] { "akka.persistence.journal.sql", "akka.persistence.snapshot-store.sql", "akka.persistence.query.journal.sql" })
                setup.AddDataOptions(plugin, data);
            builder.AddSetup(setup);
        }
        return builder
            .AddHocon(hocon, HoconAddMode.Prepend)
            // The plugin's own defaults (class names, table layout) under ours.
            .AddHocon(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
    }

    /// <summary>
    /// SQLite writes one transaction at a time per file and makes a waiting writer sleep (1–100 ms a try). So the journal
    /// has one writer (batches of up to 100 events) instead of three that wait for each other, and reads begin deferred
    /// ("read-uncommitted" is how Microsoft.Data.Sqlite is asked for BEGIN instead of BEGIN IMMEDIATE; with write-ahead
    /// logging a read still sees only committed rows) instead of taking the write lock to read.
    /// </summary>
    private const string SqliteJournalTuning = """

        akka.persistence {
          journal.sql { parallelism = 1, read-isolation-level = read-uncommitted }
          snapshot-store.sql { read-isolation-level = read-uncommitted }
          query.journal.sql { read-isolation-level = read-uncommitted }
        }
        """;

    private static AkkaConfigurationBuilder AddEntities(this AkkaConfigurationBuilder builder, TimeSpan idleAfter)
    {
        // Accounts, threads and numbers hear only through their shard, which passivates them once idle: it notes a time per
        // message, where a receive timeout in each entity scheduled a timer per message (see PersistentEntity).
        // A running campaign hears from its own timers and fan-out, not through its shard: the shard's idle passivation
        // stopped a fan-out mid-stream in the 1,000,000-recipient benchmark, so a campaign passivates itself when idle.
        var idle = new ShardOptions
        {
            StateStoreMode = StateStoreMode.DData, RememberEntities = false, Role = "engine", ShouldPassivateIdleEntities = true, PassivateIdleEntityAfter = idleAfter,
        };
        var options = new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false, Role = "engine", ShouldPassivateIdleEntities = false };
        return builder
            .WithShardRegion<AccountRegion>("account", id => Akka.Actor.Props.Create(() => new AccountActor(id)), new AccountMessageExtractor(), idle)
            .WithShardRegion<ConversationRegion>("conversation", id => Akka.Actor.Props.Create(() => new ConversationActor(id)), new ConversationMessageExtractor(), idle)
            .WithShardRegion<ShortNumberRegion>("short-number", id => Akka.Actor.Props.Create(() => new ShortNumberActor(id)), new ShortNumberMessageExtractor(), idle)
            // A campaign entity runs its fan-out with the node's services (store, intake, progress pushes).
            .WithShardRegion<CampaignRegion>("campaign", (_, _, resolver) =>
            {
                var work = resolver.GetService<CampaignWork>();
                return id => Akka.Actor.Props.Create(() => new CampaignActor(id, work));
            }, new CampaignMessageExtractor(), options);
    }
}
