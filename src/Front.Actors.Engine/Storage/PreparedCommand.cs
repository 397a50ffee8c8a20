using System.Data;
using System.Data.Common;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A statement run once per row in the connection's current transaction, with '@' parameters given in order:
/// cheaper than building a LINQ query or SQL text each time. On SQLite it is a raw prepared statement bound by
/// position (the provider's own command looks every parameter up by name and builds a reader on each run, which
/// cost more than SQLite's work on the hot status path); elsewhere a prepared <see cref="DbCommand"/>.
/// </summary>
internal abstract class PreparedCommand : IAsyncDisposable
{
    public static PreparedCommand Create(DataConnection db, string sql, params (string Name, DbType Type)[] parameters) =>
        db.OpenDbConnection() is SqliteConnection sqlite
            ? new SqliteRowStatement(sqlite, sql, parameters.Select(p => p.Name).ToArray())
            : new ProviderCommand(db, sql, parameters);

    /// <summary>Runs the statement once with these values for its parameters, in order (null as NULL); returns the rows it changed.</summary>
    public abstract ValueTask<int> RunAsync(params object?[] values);

    /// <summary>Runs a statement that returns rows and gives the first one's columns, or null when it returned none.</summary>
    public abstract ValueTask<object?[]?> FirstRowAsync(params object?[] values);

    public abstract ValueTask DisposeAsync();

    private sealed class ProviderCommand : PreparedCommand
    {
        private readonly DbCommand _command;

        public ProviderCommand(DataConnection db, string sql, (string Name, DbType Type)[] parameters)
        {
            _command = db.OpenDbConnection().CreateCommand();
            _command.Transaction = db.Transaction;
            _command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = type;
                _command.Parameters.Add(parameter);
            }
        }

        public override async ValueTask<int> RunAsync(params object?[] values)
        {
            Bind(values);
            return await _command.ExecuteNonQueryAsync();
        }

        public override async ValueTask<object?[]?> FirstRowAsync(params object?[] values)
        {
            Bind(values);
            await using var reader = await _command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                return null;
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            return row;
        }

        private void Bind(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
                _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        public override ValueTask DisposeAsync() => _command.DisposeAsync();
    }
}
