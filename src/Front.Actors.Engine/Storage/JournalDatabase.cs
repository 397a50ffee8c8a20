using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Where the event journal and snapshots live. PostgreSQL: the same database as the read models. SQLite: a file of
/// their own beside the read models' (<c>front-actors.events.db</c> next to <c>front-actors.db</c>), because SQLite
/// lets one transaction write per file at a time. The engine's own writers take turns in order
/// (<see cref="Database.WriteTurnAsync"/>), but the journal plugin writes on its own connections, outside that queue:
/// sharing the file, it and the read-model writers waited for each other in SQLite's busy handler, which sleeps
/// 1–100 ms a try, and the inbox stalled at a few hundred messages a second with CPU to spare. The two files hold
/// nothing that must commit together: the read models follow the journal (see the README's "one truth per fact").
/// A database made before the split keeps its journal where it is.
/// </summary>
public static class JournalDatabase
{
    public static string ConnectionString(StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(storage.JournalConnectionString))
            return storage.JournalConnectionString;
        if (storage.Provider != StorageProvider.Sqlite)
            return storage.EffectiveConnectionString;
        var builder = new SqliteConnectionStringBuilder(storage.EffectiveConnectionString);
        if (InMemory(builder) || HoldsJournal(builder.DataSource))
            return storage.EffectiveConnectionString;
        var file = builder.DataSource;
        builder.DataSource = Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file) + ".events" + Path.GetExtension(file));
        return builder.ToString();
    }

    /// <summary>
    /// Before the actor system starts: the SQLite journal file (<paramref name="journalConnectionString"/>, as
    /// <see cref="ConnectionString"/> chose it) gets its directory and write-ahead logging, so the projections' reads of
    /// the journal never block its writer (nor it them).
    /// </summary>
    public static void Prepare(StorageProvider provider, string journalConnectionString)
    {
        if (provider != StorageProvider.Sqlite)
            return;
        var builder = new SqliteConnectionStringBuilder(journalConnectionString) { Pooling = false };
        if (InMemory(builder))
            return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    internal static bool InMemory(SqliteConnectionStringBuilder builder) => builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";

    /// <summary>Whether the read models' file already has the journal table (made before the split).</summary>
    private static bool HoldsJournal(string file)
    {
        if (!File.Exists(file))
            return false;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}
