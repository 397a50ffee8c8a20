using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Copies SQLite's write-ahead logs into their database files in the background, four times a second, for the read
/// models' file and the journal's. Left to SQLite, the commit that takes a log past its threshold does that copy itself,
/// with a disk flush, and its writer waits: the inbox's group commit or the one journal writer stalls for tens of
/// milliseconds, and so does every message in that batch. A passive checkpoint copies what no reader still needs and
/// never blocks a writer or a reader. The connections' own threshold is raised (<see cref="Database.DataOptionsFor"/>),
/// so a writer checkpoints only if this falls far behind.
/// </summary>
public sealed class SqliteCheckpointer(StorageOptions storage, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Opened at the first tick that finds the file (the engine makes it at start-up), never created here.
        var connections = Files(storage).Select(file => new SqliteConnection(file)).ToList();
        try
        {
            using var timer = new PeriodicTimer(Every);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                foreach (var connection in connections)
                    Checkpoint(connection);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    private void Checkpoint(SqliteConnection connection)
    {
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                if (!File.Exists(connection.DataSource))
                    return;
                connection.Open();
            }
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            // The next tick tries again; meanwhile a writer checkpoints by itself past its threshold.
            log.LogWarning(e, "Checkpoint of {File} failed", connection.DataSource);
        }
    }

    /// <summary>The SQLite files on disk: the read models' and, when it is another file, the journal's.</summary>
    public static IReadOnlyList<string> Files(StorageOptions storage)
    {
        if (storage.Provider != StorageProvider.Sqlite)
            return [];
        return new[] { storage.EffectiveConnectionString, JournalDatabase.ConnectionString(storage) }
            .Select(c => new SqliteConnectionStringBuilder(c))
            .Where(b => !JournalDatabase.InMemory(b))
            .DistinctBy(b => Path.GetFullPath(b.DataSource))
            .Select(b =>
            {
                b.Pooling = false;
                b.Mode = SqliteOpenMode.ReadWrite; // an existing file only: never made here
                return b.ToString();
            }).ToList();
    }
}
