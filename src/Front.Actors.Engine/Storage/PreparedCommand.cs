using System.Data;
using System.Data.Common;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A command in the connection's current transaction with typed '@' parameters (SQLite and PostgreSQL both take
/// them), for statements run once per row: cheaper than building a LINQ query or SQL text each time.
/// </summary>
internal static class PreparedCommand
{
    public static DbCommand Create(DataConnection db, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = db.OpenDbConnection().CreateCommand();
        command.Transaction = db.Transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Runs the command once with these values for its parameters, in order (null as DBNull).</summary>
    public static Task<int> RunAsync(this DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync();
    }
}
