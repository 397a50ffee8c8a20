using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A SQLite statement prepared once on the connection and run per row, its parameters bound by position. Values are
/// written as Microsoft.Data.Sqlite writes them (dates as ISO text with offset, booleans as 0/1), so rows read back
/// through linq2db look the same whichever path wrote them. In-process, so the async signatures complete at once.
/// </summary>
internal sealed class SqliteRowStatement : PreparedCommand
{
    private const string DateTimeOffsetFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    /// <summary>
    /// Each statement's UTF-8 text and parameter positions, worked out once per process. A statement is prepared again
    /// in every transaction, and converting its text and each parameter's name to UTF-8 every time was 3–4 % of the
    /// host's allocations at 1,000 inbound messages a second. The statements are the code's own, so this holds a few dozen.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Shape> Shapes = new();

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _positions;

    public SqliteRowStatement(SqliteConnection connection, string sql, string[] parameterNames)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var known = Shapes.TryGetValue(sql, out var shape) && shape.ParameterNames.AsSpan().SequenceEqual(parameterNames);
        var text = known ? shape!.Utf8Sql : Encoding.UTF8.GetBytes(sql);
        Check(raw.sqlite3_prepare_v2(_db, text, out _statement));
        if (known)
        {
            _positions = shape!.Positions;
            return;
        }
        _positions = parameterNames.Select(name =>
        {
            var position = raw.sqlite3_bind_parameter_index(_statement, name);
            return position > 0 ? position : throw new ArgumentException($"parameter {name} is not in: {sql}", nameof(parameterNames));
        }).ToArray();
        Shapes[sql] = new Shape(text, parameterNames, _positions);
    }

    private sealed record Shape(byte[] Utf8Sql, string[] ParameterNames, int[] Positions);

    public override ValueTask<int> RunAsync(params object?[] values)
    {
        Bind(values);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            while (rc == raw.SQLITE_ROW)
                rc = raw.sqlite3_step(_statement);
            Check(rc);
            return ValueTask.FromResult(raw.sqlite3_changes(_db));
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public override ValueTask<object?[]?> FirstRowAsync(params object?[] values)
    {
        Bind(values);
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                return ValueTask.FromResult<object?[]?>(null);
            }
            var row = new object?[raw.sqlite3_column_count(_statement)];
            for (var i = 0; i < row.Length; i++)
                row[i] = raw.sqlite3_column_type(_statement, i) switch
                {
                    raw.SQLITE_NULL => null,
                    raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_statement, i),
                    raw.SQLITE_FLOAT => raw.sqlite3_column_double(_statement, i),
                    _ => raw.sqlite3_column_text(_statement, i).utf8_to_string(),
                };
            // The rest (a RETURNING statement's work is done by its first step) is not read.
            return ValueTask.FromResult<object?[]?>(row);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Bind(object?[] values)
    {
        if (values.Length != _positions.Length)
            throw new ArgumentException($"{values.Length} values for {_positions.Length} parameters", nameof(values));
        for (var i = 0; i < values.Length; i++)
        {
            var position = _positions[i];
            Check(values[i] switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, position),
                string text => raw.sqlite3_bind_text16(_statement, position, text.AsSpan()),
                int number => raw.sqlite3_bind_int64(_statement, position, number),
                long number => raw.sqlite3_bind_int64(_statement, position, number),
                bool flag => raw.sqlite3_bind_int64(_statement, position, flag ? 1 : 0),
                double number => raw.sqlite3_bind_double(_statement, position, number),
                byte[] blob => raw.sqlite3_bind_blob(_statement, position, blob),
                DateTimeOffset at => raw.sqlite3_bind_text16(_statement, position, at.ToString(DateTimeOffsetFormat, CultureInfo.InvariantCulture).AsSpan()),
                DateTime at => raw.sqlite3_bind_text(_statement, position, at.ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
                var other => throw new ArgumentException($"no SQLite binding for {other.GetType().Name}", nameof(values)),
            });
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
    }

    public override ValueTask DisposeAsync()
    {
        _statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
