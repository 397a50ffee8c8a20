using Akka.Actor;
using Akka.Configuration;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>An actor system on the real SQL journal over a fresh SQLite file, with the engine's serializer.</summary>
public static class SqlJournalSystem
{
    public static (Database Database, ActorSystem System) Create(string name)
    {
        var file = TempFiles.NewPath($"fa-{name}", ".db");
        var storage = new StorageOptions { ConnectionString = $"Data Source={file}" };
        var database = new Database(storage);
        database.EnsureCreated();
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
            """);
        config = config.WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        return (database, ActorSystem.Create($"{name}-{Guid.NewGuid().ToString("N")[..8]}", config));
    }

    /// <summary>Sets projection <paramref name="name"/>'s offset, as if it had been stored before the events after it.</summary>
    public static async Task RewindAsync(Database database, string name, long offset)
    {
        await using var db = database.Open();
        await LinqToDB.DataExtensions.InsertOrReplaceAsync(db, new ProjectionOffsetRecord { Name = name, Offset = offset, UpdatedAt = DateTimeOffset.UtcNow });
    }
}
