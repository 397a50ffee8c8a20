using System.Data;
using System.Globalization;
using System.Text.Json;
using Front.Actors.Engine.Conversations;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Reads a thread's row and writes the inbox read model's rows on the live path (the thread's row, its messages, the
/// account's numbered feed) with statements prepared once per transaction and run per event: building each query
/// through LINQ cost more than SQLite's work for it. Used inside the caller's transaction; dispose it before the connection.
/// </summary>
internal sealed class InboxRowWriter(DataConnection db) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private PreparedCommand? _readThread;
    private PreparedCommand? _moveThread;
    private PreparedCommand? _addMessage;
    private PreparedCommand? _append;

    /// <summary>The thread's row as stored, or null when it has none yet.</summary>
    public async Task<ConversationRecord?> ReadThreadAsync(string id)
    {
        _readThread ??= PreparedCommand.Create(db,
            "SELECT account_id, our_number, contact, unread, assigned_to, closed, opted_out, last_message, last_message_at, applied_seq FROM conversations WHERE id = @id",
            ("@id", DbType.String));
        if (await _readThread.FirstRowAsync(id) is not { } row)
            return null;
        return new ConversationRecord
        {
            Id = id, AccountId = (string)row[0]!, OurNumber = (string)row[1]!, Contact = (string)row[2]!, Unread = Convert.ToInt32(row[3], CultureInfo.InvariantCulture),
            AssignedTo = (string?)row[4], Closed = Convert.ToBoolean(row[5], CultureInfo.InvariantCulture), OptedOut = Convert.ToBoolean(row[6], CultureInfo.InvariantCulture),
            LastMessage = (string?)row[7], LastMessageAt = StoredTime(row[8]), AppliedSequenceNr = Convert.ToInt64(row[9], CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A time as the provider gives it back: text on SQLite, a UTC <see cref="DateTime"/> or an offset on PostgreSQL.</summary>
    private static DateTimeOffset? StoredTime(object? value) => value switch
    {
        null => null,
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        var other => throw new InvalidCastException($"last_message_at came back as {other.GetType().Name}"),
    };

    /// <summary>Moves the thread's row on from <paramref name="expectedSequenceNr"/>; false when another writer moved it first.</summary>
    public async Task<bool> MoveThreadAsync(ConversationRecord row, long expectedSequenceNr)
    {
        _moveThread ??= PreparedCommand.Create(db,
            "UPDATE conversations SET unread = @unread, assigned_to = @assigned, closed = @closed, opted_out = @opted, last_message = @last, " +
            "last_message_at = @lastAt, applied_seq = @seq WHERE id = @id AND applied_seq = @expected",
            ("@unread", DbType.Int32), ("@assigned", DbType.String), ("@closed", DbType.Boolean), ("@opted", DbType.Boolean), ("@last", DbType.String),
            ("@lastAt", DbType.DateTimeOffset), ("@seq", DbType.Int64), ("@id", DbType.String), ("@expected", DbType.Int64));
        return await _moveThread.RunAsync(row.Unread, row.AssignedTo, row.Closed, row.OptedOut, row.LastMessage, row.LastMessageAt, row.AppliedSequenceNr,
            row.Id, expectedSequenceNr) > 0;
    }

    /// <summary>Adds a message to its thread; returns its position.</summary>
    public async Task<long> AddMessageAsync(ConversationMessageRecord message)
    {
        _addMessage ??= PreparedCommand.Create(db,
            "INSERT INTO conversation_messages (conversation_id, message_id, direction, text, author, keyword, at) " +
            "VALUES (@conversation, @message, @direction, @text, @author, @keyword, @at) RETURNING position",
            ("@conversation", DbType.String), ("@message", DbType.String), ("@direction", DbType.String), ("@text", DbType.String),
            ("@author", DbType.String), ("@keyword", DbType.String), ("@at", DbType.DateTimeOffset));
        var row = await _addMessage.FirstRowAsync(message.ConversationId, message.MessageId, message.Direction, message.Text, message.Author, message.Keyword, message.At);
        return Convert.ToInt64(row![0]);
    }

    /// <summary>Appends one numbered entry to the account's inbox feed.</summary>
    public async Task<InboxUpdate> AppendAsync(string kind, ConversationSummary summary, ThreadMessage? message, string? by, DateTimeOffset at)
    {
        _append ??= PreparedCommand.Create(db,
            "INSERT INTO inbox_events (account_id, conversation_id, kind, payload, at) VALUES (@account, @conversation, @kind, @payload, @at) RETURNING position",
            ("@account", DbType.String), ("@conversation", DbType.String), ("@kind", DbType.String), ("@payload", DbType.String), ("@at", DbType.DateTimeOffset));
        var update = new InboxUpdate(0, kind, summary, message, by, at);
        var row = await _append.FirstRowAsync(summary.AccountId, summary.Id, kind, JsonSerializer.Serialize(update, Json), at);
        return update with { Position = Convert.ToInt64(row![0]) };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in new[] { _readThread, _moveThread, _addMessage, _append })
            if (statement is not null)
                await statement.DisposeAsync();
    }
}
