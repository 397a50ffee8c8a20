namespace Front.Actors.Engine.Storage;

/// <summary>Where the journal, snapshots and read models live: a SQLite file by default, PostgreSQL for a cluster.</summary>
public sealed record StorageOptions
{
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>Empty means the SQLite file ./data/front-actors.db.</summary>
    public string ConnectionString { get; init; } = "";

    public string EffectiveConnectionString => Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString)
        ? "Data Source=./data/front-actors.db"
        : ConnectionString;

    /// <summary>
    /// The journal's and snapshots' database. Empty: for PostgreSQL the same database, for SQLite a file of their own
    /// beside the read models' (see <see cref="JournalDatabase"/>).
    /// </summary>
    public string JournalConnectionString { get; init; } = "";

    /// <summary>Provider names as linq2db and Akka.Persistence.Sql know them.</summary>
    public string ProviderName => Provider == StorageProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
