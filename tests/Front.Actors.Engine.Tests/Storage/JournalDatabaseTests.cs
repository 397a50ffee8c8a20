using Front.Actors.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>Where the journal lives: SQLite gives it a file of its own, except in a database made before that.</summary>
public class JournalDatabaseTests
{
    private static string TempFile(string name) => Path.Combine(TempFiles.NewPath("fa-journal"), name);

    private static string DataSource(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    [Fact]
    public void A_new_sqlite_database_keeps_its_journal_in_a_file_beside_it()
    {
        var file = TempFile("front-actors.db");

        var journal = JournalDatabase.ConnectionString(new StorageOptions { ConnectionString = $"Data Source={file}" });

        Assert.Equal(Path.Combine(Path.GetDirectoryName(file)!, "front-actors.events.db"), DataSource(journal));
    }

    [Fact]
    public void The_default_file_gets_its_journal_beside_it_in_the_data_directory()
    {
        var journal = JournalDatabase.ConnectionString(new StorageOptions());

        Assert.Equal(Path.Combine("./data", "front-actors.events.db"), DataSource(journal));
    }

    [Fact]
    public void A_database_made_before_the_split_keeps_its_journal_where_it_is()
    {
        var file = TempFile("old.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY, persistence_id TEXT)";
            command.ExecuteNonQuery();
        }
        var storage = new StorageOptions { ConnectionString = $"Data Source={file}" };

        Assert.Equal(storage.EffectiveConnectionString, JournalDatabase.ConnectionString(storage));
    }

    [Fact]
    public void Postgresql_and_a_named_journal_database_are_used_as_given()
    {
        const string postgres = "Host=db;Database=front";

        Assert.Equal(postgres, JournalDatabase.ConnectionString(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = postgres }));
        Assert.Equal("Data Source=/elsewhere/events.db",
            JournalDatabase.ConnectionString(new StorageOptions { ConnectionString = $"Data Source={TempFile("a.db")}", JournalConnectionString = "Data Source=/elsewhere/events.db" }));
    }

    [Fact]
    public void Prepare_gives_the_journal_file_its_directory_and_write_ahead_logging()
    {
        var file = TempFile("front-actors.db");
        var storage = new StorageOptions { ConnectionString = $"Data Source={file}" };

        var journal = JournalDatabase.ConnectionString(storage);

        JournalDatabase.Prepare(storage.Provider, journal);

        using var connection = new SqliteConnection(journal + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        Assert.False(File.Exists(file)); // the read models' file is the engine's to make
    }
}
