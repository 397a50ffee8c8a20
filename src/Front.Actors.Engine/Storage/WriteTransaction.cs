using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// The transaction of a hot write path (journal, inbox, inbound parts, accepted messages, statuses). On SQLite it is the connection's own
/// <c>BEGIN IMMEDIATE</c> … <c>COMMIT</c>, as Microsoft.Data.Sqlite's transaction would issue: that transaction also sets
/// a rollback hook, whose handle SQLitePCL leaves to the finalizer. At 1,000 inbound messages a second that was 1,600
/// finalizable objects a second, and finalizing them a sixth of every gen-0 pause. Elsewhere the provider's transaction.
/// Statements run in it name no transaction object: on SQLite Linq2Db and <see cref="PreparedCommand"/> leave it unset
/// while the connection has no provider transaction.
/// </summary>
internal sealed class WriteTransaction : IAsyncDisposable
{
    private readonly sqlite3? _sqlite;
    private readonly DataConnectionTransaction? _provider;
    private bool _ended;

    private WriteTransaction(sqlite3? sqlite, DataConnectionTransaction? provider)
    {
        _sqlite = sqlite;
        _provider = provider;
    }

    public static async Task<WriteTransaction> BeginAsync(DataConnection db, CancellationToken ct = default)
    {
        if (db.OpenDbConnection() is not SqliteConnection { Handle: { } handle })
            return new WriteTransaction(null, await db.BeginTransactionAsync(ct));
        Run(handle, "BEGIN IMMEDIATE");
        return new WriteTransaction(handle, null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_sqlite is not null)
            Run(_sqlite, "COMMIT");
        else
            await _provider!.CommitAsync(ct);
        _ended = true;
    }

    /// <summary>Rolls back what was not committed, so the pooled connection goes back with no transaction open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
            await _provider.DisposeAsync();
        // SQLite may have rolled back by itself already (after some errors); then there is nothing left to end.
        else if (!_ended && raw.sqlite3_get_autocommit(_sqlite) == 0)
            Run(_sqlite!, "ROLLBACK");
        _ended = true;
    }

    /// <summary>
    /// Runs the statement, trying again while the file is busy or locked for up to half a minute, as Microsoft.Data.Sqlite's
    /// own commands do: SQLite returns busy at once, without waiting out its busy timeout, in some cases (another
    /// connection recovering the write-ahead log, for one).
    /// </summary>
    private static void Run(sqlite3 handle, string sql)
    {
        var giveUpAt = Environment.TickCount64 + (long)BusyFor.TotalMilliseconds;
        while (true)
        {
            var rc = raw.sqlite3_exec(handle, sql);
            if (rc == raw.SQLITE_OK)
                return;
            if ((rc & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Environment.TickCount64 > giveUpAt)
                SqliteException.ThrowExceptionForRC(rc, handle);
            Thread.Sleep(BusyPause);
        }
    }

    private static readonly TimeSpan BusyFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(20);
}
