using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Storage;

/// <summary>Where the journal, snapshots and read models live: a SQLite file by default, PostgreSQL for a cluster.</summary>
public sealed record StorageOptions
{
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>Empty means the SQLite file ./data/front-actors.db.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// Where the journal and snapshots live; empty means: on PostgreSQL, the same database; on SQLite, a file of their
    /// own next to the read models (<c>front-actors.journal.db</c> beside <c>front-actors.db</c>). SQLite lets one
    /// transaction write a file at a time: sharing one made the journal's writes and the status writer's batches wait
    /// for each other (SQLite's busy handler sleeps up to 100 ms a try). A database made before the split keeps its
    /// journal where it is.
    /// </summary>
    public string JournalConnectionString { get; init; } = "";

    public string EffectiveConnectionString => Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString)
        ? "Data Source=./data/front-actors.db"
        : ConnectionString;

    public string EffectiveJournalConnectionString =>
        !string.IsNullOrWhiteSpace(JournalConnectionString) ? JournalConnectionString
        : Provider != StorageProvider.Sqlite || HasJournalTable(EffectiveConnectionString) ? EffectiveConnectionString
        : SiblingFile(EffectiveConnectionString, ".journal");

    /// <summary>Provider names as linq2db and Akka.Persistence.Sql know them.</summary>
    public string ProviderName => Provider == StorageProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    private static string SiblingFile(string connectionString, string suffix)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return connectionString;
        var path = builder.DataSource;
        builder.DataSource = Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + suffix + Path.GetExtension(path));
        return builder.ToString();
    }

    /// <summary>True when the read-model file exists and already holds a journal (made before the split).</summary>
    private static bool HasJournalTable(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || !File.Exists(builder.DataSource))
            return false;
        builder.Mode = SqliteOpenMode.ReadOnly;
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
