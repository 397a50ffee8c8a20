using Front.Actors.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>
/// On SQLite the journal gets a file of its own beside the read models (one writer per file), except in a database
/// made before the split, which keeps its journal where it is; a configured location wins; PostgreSQL shares one database.
/// </summary>
public sealed class JournalLocationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("front-actors-journal-").FullName;

    [Fact]
    public void A_new_sqlite_database_puts_its_journal_in_a_file_beside_it()
    {
        var options = new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "engine.db")}" };

        Assert.Equal(Path.Combine(_directory, "engine.journal.db"), new SqliteConnectionStringBuilder(options.EffectiveJournalConnectionString).DataSource);
    }

    [Fact]
    public void A_database_made_before_the_split_keeps_its_journal()
    {
        var path = Path.Combine(_directory, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        var options = new StorageOptions { ConnectionString = $"Data Source={path}" };

        Assert.Equal(options.EffectiveConnectionString, options.EffectiveJournalConnectionString);
    }

    [Fact]
    public void A_configured_journal_location_wins_and_postgresql_shares_its_database()
    {
        var configured = new StorageOptions { ConnectionString = "Data Source=a.db", JournalConnectionString = "Data Source=b.db" };
        var postgres = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Database=front" };

        Assert.Equal("Data Source=b.db", configured.EffectiveJournalConnectionString);
        Assert.Equal(postgres.ConnectionString, postgres.EffectiveJournalConnectionString);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
