using System.Text.Json;
using Front.Actors.Engine.Conversations;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>What a conversation entity journaled in one command, and its state after it.</summary>
public sealed record ConversationChange(string ConversationId, ConversationState State, IReadOnlyList<ConversationEvents.IConversationEvent> Events);

/// <summary>
/// The inbox read model: threads, their messages, the numbered feed of changes, and opt-outs. Written after
/// the conversation entity journaled the events.
/// </summary>
public sealed class ConversationStore(Database database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores what conversation entities journaled, all in one transaction, and returns each change's feed
    /// entries, numbered, in the order given. (<see cref="InboxWriter"/> gathers concurrent changes into one call.)
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<InboxUpdate>>> ApplyAsync(IReadOnlyList<ConversationChange> changes, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var all = new List<IReadOnlyList<InboxUpdate>>(changes.Count);
        foreach (var (conversationId, state, events) in changes)
        {
            var summary = ConversationSummary.Of(conversationId, state);
            await db.InsertOrReplaceAsync(new ConversationRecord
            {
                Id = conversationId, AccountId = summary.AccountId, OurNumber = summary.OurNumber, Contact = summary.Contact, Unread = state.Unread,
                AssignedTo = state.AssignedTo, Closed = state.Closed, OptedOut = state.OptedOut, LastMessage = state.LastMessage, LastMessageAt = state.LastMessageAt,
            }, token: ct);
            var updates = new List<InboxUpdate>();
            foreach (var @event in events)
            {
                var (kind, message, by) = await ApplyEventAsync(db, conversationId, state, @event, ct);
                if (kind is not null)
                    updates.Add(await AppendAsync(db, kind, summary, message, by, @event.At, ct));
            }
            all.Add(updates);
        }
        await transaction.CommitAsync(ct);
        return all;
    }

    /// <summary>
    /// Writes a message (inbound, or a reply) that the thread journaled but the read model does not show (the
    /// process stopped in between), with its feed entry; null when the read model has it already.
    /// </summary>
    public async Task<InboxUpdate?> EnsureInThreadAsync(string conversationId, ConversationState state, string messageId, string direction, string text,
        string? author, string? keyword, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (await db.GetTable<ConversationMessageRecord>().AnyAsync(m => m.MessageId == messageId, ct))
            return null;
        var at = DateTimeOffset.UtcNow;
        var position = await db.InsertWithInt64IdentityAsync(new ConversationMessageRecord
        {
            ConversationId = conversationId, MessageId = messageId, Direction = direction, Text = text, Author = author, Keyword = keyword, At = at,
        }, token: ct);
        var status = direction == "out" ? await db.GetTable<MessageRecord>().Where(m => m.Id == messageId).Select(m => m.Status).FirstOrDefaultAsync(ct) : null;
        return await AppendAsync(db, "message", ConversationSummary.Of(conversationId, state),
            new ThreadMessage(messageId, direction, text, author, keyword, at, status, position), author, at, ct);
    }

    /// <summary>
    /// Makes the thread's opt_outs row agree with its journaled state (the process may have stopped between the journal
    /// and the read model): present while opted out, absent otherwise. An opt-out is never lost this way.
    /// </summary>
    public async Task SyncOptOutAsync(ConversationState state, string word, CancellationToken ct = default)
    {
        if (!state.Exists)
            return;
        await using var db = database.Open();
        var row = db.GetTable<OptOutRecord>().Where(o => o.AccountId == state.AccountId && o.OurNumber == state.OurNumber && o.Contact == state.Contact);
        var present = await row.AnyAsync(ct);
        if (present == state.OptedOut)
            return;
        using var turn = await database.WriteTurnAsync(ct);
        if (state.OptedOut)
            await db.InsertOrReplaceAsync(new OptOutRecord { AccountId = state.AccountId!, OurNumber = state.OurNumber!, Contact = state.Contact!, Word = word, At = DateTimeOffset.UtcNow }, token: ct);
        else
            await row.DeleteAsync(ct);
    }

    /// <summary>A reply's delivery status changed: a feed entry so that every agent (and a reconnecting one) sees it.</summary>
    public async Task<InboxUpdate?> AppendStatusAsync(string messageId, string status, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var row = await (from m in db.GetTable<ConversationMessageRecord>()
                         join c in db.GetTable<ConversationRecord>() on m.ConversationId equals c.Id
                         where m.MessageId == messageId
                         select new { m, c }).FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var message = new ThreadMessage(row.m.MessageId, row.m.Direction, row.m.Text, row.m.Author, row.m.Keyword, row.m.At, status, row.m.Position);
        return await AppendAsync(db, "status", Summary(row.c), message, null, at, ct);
    }

    private static async Task<(string? Kind, ThreadMessage? Message, string? By)> ApplyEventAsync(
        DataConnection db, string conversationId, ConversationState state, ConversationEvents.IConversationEvent @event, CancellationToken ct)
    {
        switch (@event)
        {
            case ConversationEvents.MessageReceived e:
                var inbound = await db.InsertWithInt64IdentityAsync(new ConversationMessageRecord { ConversationId = conversationId, MessageId = e.MessageId, Direction = "in", Text = e.Text, Keyword = e.Keyword, At = e.At }, token: ct);
                return ("message", new ThreadMessage(e.MessageId, "in", e.Text, null, e.Keyword, e.At, null, inbound), null);
            case ConversationEvents.ReplyWritten e:
                var outbound = await db.InsertWithInt64IdentityAsync(new ConversationMessageRecord { ConversationId = conversationId, MessageId = e.MessageId, Direction = "out", Text = e.Text, Author = e.Author, At = e.At }, token: ct);
                var status = await db.GetTable<MessageRecord>().Where(m => m.Id == e.MessageId).Select(m => m.Status).FirstOrDefaultAsync(ct);
                return ("message", new ThreadMessage(e.MessageId, "out", e.Text, e.Author, null, e.At, status, outbound), e.Author);
            case ConversationEvents.OptedOut e:
                await db.InsertOrReplaceAsync(new OptOutRecord { AccountId = state.AccountId!, OurNumber = state.OurNumber!, Contact = state.Contact!, Word = e.Word, At = e.At }, token: ct);
                return ("opt-out", null, "contact");
            case ConversationEvents.OptedIn:
                await db.GetTable<OptOutRecord>().Where(o => o.AccountId == state.AccountId && o.OurNumber == state.OurNumber && o.Contact == state.Contact).DeleteAsync(ct);
                return ("opt-in", null, "contact");
            case ConversationEvents.AssignmentChanged e:
                return ("assignment", null, e.By);
            case ConversationEvents.MarkedRead e:
                return ("read", null, e.Agent);
            case ConversationEvents.Closed e:
                return ("closed", null, e.By);
            case ConversationEvents.Reopened e:
                return ("reopened", null, e.By);
            default:
                return (null, null, null);
        }
    }

    private static async Task<InboxUpdate> AppendAsync(DataConnection db, string kind, ConversationSummary summary, ThreadMessage? message, string? by, DateTimeOffset at, CancellationToken ct)
    {
        var update = new InboxUpdate(0, kind, summary, message, by, at);
        var position = await db.InsertWithInt64IdentityAsync(new InboxEventRecord
        {
            AccountId = summary.AccountId, ConversationId = summary.Id, Kind = kind, Payload = JsonSerializer.Serialize(update, Json), At = at,
        }, token: ct);
        return update with { Position = position };
    }

    /// <summary>The account's feed after <paramref name="position"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<InboxUpdate>> UpdatesAfterAsync(IReadOnlyCollection<string> accountIds, long position, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = await db.GetTable<InboxEventRecord>().Where(e => accountIds.Contains(e.AccountId) && e.Position > position)
            .OrderBy(e => e.Position).Take(limit).ToListAsync(ct);
        return rows.Select(r => JsonSerializer.Deserialize<InboxUpdate>(r.Payload, Json)! with { Position = r.Position }).ToList();
    }

    public async Task<long> LastPositionAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<InboxEventRecord>().Where(e => accountIds.Contains(e.AccountId)).Select(e => (long?)e.Position).MaxAsync(ct) ?? 0;
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(IReadOnlyCollection<string> accountIds, string? assignedTo, bool includeClosed, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<ConversationRecord>().Where(c => accountIds.Contains(c.AccountId));
        if (assignedTo is not null)
            query = query.Where(c => c.AssignedTo == assignedTo);
        if (!includeClosed)
            query = query.Where(c => !c.Closed);
        return (await query.OrderByDescending(c => c.LastMessageAt).Take(limit).ToListAsync(ct)).Select(Summary).ToList();
    }

    public async Task<ConversationSummary?> FindAsync(string conversationId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ConversationRecord>().FirstOrDefaultAsync(c => c.Id == conversationId, ct) is { } row ? Summary(row) : null;
    }

    /// <summary>A thread's messages in order, replies with their current delivery status.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> MessagesAsync(string conversationId, long afterPosition, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = await (from m in db.GetTable<ConversationMessageRecord>()
                          from s in db.GetTable<MessageRecord>().LeftJoin(s => s.Id == m.MessageId)
                          where m.ConversationId == conversationId && m.Position > afterPosition
                          orderby m.Position
                          select new { m, Status = s.Status }).Take(limit).ToListAsync(ct);
        return rows.Select(r => new ThreadMessage(r.m.MessageId, r.m.Direction, r.m.Text, r.m.Author, r.m.Keyword, r.m.At, r.m.Direction == "out" ? r.Status : null, r.m.Position)).ToList();
    }

    /// <summary>
    /// The recipients among <paramref name="contacts"/> that opted out of the account: an opt-out said to any of its
    /// numbers (or its keyword on a shared one) covers all its sends, whatever the sender.
    /// </summary>
    public async Task<IReadOnlySet<string>> OptedOutAsync(string accountId, IReadOnlyList<string> contacts, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = await db.GetTable<OptOutRecord>().Where(o => o.AccountId == accountId && contacts.Contains(o.Contact))
            .Select(o => o.Contact).ToListAsync(ct);
        return rows.ToHashSet();
    }

    /// <summary>The account's opt-outs after (contact, number) <paramref name="after"/>, ordered by contact then number, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OptOutRecord>> OptOutsAsync(string accountId, (string Contact, string OurNumber)? after, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<OptOutRecord>().Where(o => o.AccountId == accountId);
        if (after is { } a)
            query = query.Where(o => o.Contact.CompareTo(a.Contact) > 0 || o.Contact == a.Contact && o.OurNumber.CompareTo(a.OurNumber) > 0);
        return await query.OrderBy(o => o.Contact).ThenBy(o => o.OurNumber).Take(limit).ToListAsync(ct);
    }

    /// <summary>The accounts the contact opted out of on this number (a bare START there opts back in to each).</summary>
    public async Task<IReadOnlyList<string>> OptedOutAccountsAsync(string ourNumber, string contact, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<OptOutRecord>().Where(o => o.OurNumber == ourNumber && o.Contact == contact).Select(o => o.AccountId).Distinct().ToListAsync(ct);
    }

    /// <summary>The account's numbers that have a thread with the contact.</summary>
    public async Task<IReadOnlyList<string>> ThreadNumbersAsync(string accountId, string contact, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ConversationRecord>().Where(c => c.AccountId == accountId && c.Contact == contact).Select(c => c.OurNumber).ToListAsync(ct);
    }

    /// <summary>The account's numbers the contact opted out of (a START covers every one of them).</summary>
    public async Task<IReadOnlyList<string>> OptedOutNumbersAsync(string accountId, string contact, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<OptOutRecord>().Where(o => o.AccountId == accountId && o.Contact == contact).Select(o => o.OurNumber).ToListAsync(ct);
    }

    public async Task AddUnroutedAsync(UnroutedInboundRecord record, CancellationToken ct = default)
    {
        await using var db = database.Open();
        await db.InsertAsync(record, token: ct);
    }

    public async Task<IReadOnlyList<UnroutedInboundRecord>> UnroutedAsync(int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<UnroutedInboundRecord>().OrderByDescending(u => u.At).Take(limit).ToListAsync(ct);
    }


    private static ConversationSummary Summary(ConversationRecord c) =>
        new(c.Id, c.AccountId, c.Contact, c.OurNumber, c.Unread, c.AssignedTo, c.Closed, c.OptedOut, c.LastMessage, c.LastMessageAt);
}
