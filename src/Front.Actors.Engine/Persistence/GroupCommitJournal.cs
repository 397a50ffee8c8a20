using System.Collections.Immutable;
using System.Data;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Dao;
using Akka.Persistence.Sql.Journal.Types;
using Akka.Util;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// Akka.Persistence.Sql's journal with its write path replaced; replay, highest sequence numbers, deletes and the query
/// side stay the plugin's, over the same table and rows. The plugin writes each batch through Linq2Db on a new data
/// connection: it builds a fresh mapping schema and the INSERT's SQL every time, which was half of all the host's
/// allocations and a seventh of its CPU in the inbox benchmark at 1,000 msg/s. Here the plugin's own serializer makes
/// the rows and one writer inserts them with a prepared statement, in group commits: writes that arrive while one
/// commits share the next transaction. Writes keep their order (one persistence id's events are never reordered), and a
/// batch that fails is tried write by write, so one bad write fails only its own entity.
/// </summary>
public sealed class GroupCommitJournal : SqlWriteJournal
{
    private readonly ByteArrayJournalSerializer _serializer;
    private readonly GroupCommit<JournalRow[], bool> _commit;
    private readonly Dictionary<string, Task> _writing = new();

    public GroupCommitJournal(Config journalConfig) : base(journalConfig)
    {
        var config = new JournalConfig(journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        if (config.PluginConfig.TagMode != TagMode.TagTable)
            throw new ConfigurationException("the group-commit journal writes tag-table mode only (the engine's events carry no tags)");
        var table = config.TableConfig.EventJournalTable;
        var columns = table.ColumnNames;
        var writerUuid = table.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null;
        _serializer = new ByteArrayJournalSerializer(config, Context.System.Serialization, config.PluginConfig.TagSeparator, writerUuid);

        var provider = config.ProviderName.Contains("sqlite", StringComparison.OrdinalIgnoreCase) ? StorageProvider.Sqlite : StorageProvider.PostgreSql;
        var database = new Database(new StorageOptions { Provider = provider, ConnectionString = config.ConnectionString });
        var name = config.TableConfig.SchemaName is { Length: > 0 } schema ? $"{schema}.{table.Name}" : table.Name;
        var names = new List<(string Column, string Parameter, DbType Type)>
        {
            (columns.Deleted, "@deleted", DbType.Boolean), (columns.PersistenceId, "@pid", DbType.String), (columns.SequenceNumber, "@seq", DbType.Int64),
            (columns.Created, "@created", DbType.Int64), (columns.Message, "@message", DbType.Binary), (columns.Identifier, "@identifier", DbType.Int32),
            (columns.Manifest, "@manifest", DbType.String),
        };
        if (table.UseWriterUuidColumn)
            names.Add((columns.WriterUuid, "@writer", DbType.String));
        var insert = $"INSERT INTO {name} ({string.Join(", ", names.Select(n => n.Column))}) VALUES ({string.Join(", ", names.Select(n => n.Parameter))})";
        var parameters = names.Select(n => (n.Parameter, n.Type)).ToArray();
        _commit = new GroupCommit<JournalRow[], bool>(writes => InsertAsync(database, insert, parameters, table.UseWriterUuidColumn, writes), rows => rows.Length, maxWeight: 1_000);
    }

    private static async Task<IReadOnlyList<bool>> InsertAsync(Database database, string insert, (string, DbType)[] parameters, bool withWriter, IReadOnlyList<JournalRow[]> writes)
    {
        await using var db = database.Open();
        await using var transaction = await WriteTransaction.BeginAsync(db);
        await using var command = PreparedCommand.Create(db, insert, parameters);
        foreach (var rows in writes)
            foreach (var row in rows)
            {
                if (withWriter)
                    await command.RunAsync(row.Deleted, row.PersistenceId, row.SequenceNumber, row.Timestamp, row.Message, row.Identifier, row.Manifest, row.WriterUuid);
                else
                    await command.RunAsync(row.Deleted, row.PersistenceId, row.SequenceNumber, row.Timestamp, row.Message, row.Identifier, row.Manifest);
            }
        await transaction.CommitAsync();
        return writes.Select(_ => true).ToList();
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var serialized = _serializer.Serialize(writes, DateTime.UtcNow.Ticks);
        var rows = serialized.Where(t => t.Success.HasValue).SelectMany(t => t.Success.Value).ToArray();
        if (rows.Any(r => r.TagArray.Length > 0))
            return Task.FromException<IImmutableList<Exception>>(new NotSupportedException("tagged events are not written by the group-commit journal"));
        var written = rows.Length == 0 ? Task.CompletedTask : _commit.SubmitAsync(rows);

        // A recovery of the same entity waits for its writes in flight (ReadHighestSequenceNrAsync), as the plugin's own does.
        var persistenceId = writes[0].PersistenceId;
        _writing[persistenceId] = written;
        var self = Self;
        written.ContinueWith(_ => self.Tell(new Written(persistenceId, written), ActorRefs.NoSender), TaskContinuationOptions.ExecuteSynchronously);

        // Serialization failures reject their own write (WriteMessagesRejected); a failed insert fails the call.
        return written.ContinueWith(t =>
        {
            t.GetAwaiter().GetResult();
            return (IImmutableList<Exception>)serialized.Select(s => s.Failure.HasValue ? s.Failure.Value : null!).ToImmutableList();
        }, TaskContinuationOptions.ExecuteSynchronously);
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_writing.TryGetValue(persistenceId, out var written))
            await written.ContinueWith(_ => { }, TaskContinuationOptions.ExecuteSynchronously);
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not Written done)
            return base.ReceivePluginInternal(message);
        if (_writing.TryGetValue(done.PersistenceId, out var latest) && latest == done.Task)
            _writing.Remove(done.PersistenceId);
        return true;
    }

    protected override void PostStop()
    {
        _commit.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        base.PostStop();
    }

    private sealed record Written(string PersistenceId, Task Task);
}
