using System.Text.Json;
using Front.Actors.Engine.Conversations;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// The inbox read model's queries: threads, their messages, the numbered feed of changes, and opt-outs. What
/// conversation entities journaled is written by <see cref="ConversationReadModel"/>.
/// </summary>
public sealed class ConversationStore(Database database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        await using var writer = new InboxRowWriter(db);
        return await writer.AppendAsync("status", Summary(row.c), message, null, at);
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
        return rows.Select(r => ThreadMessageOf(r.m, r.Status)).ToList();
    }

    /// <summary>The <paramref name="limit"/> messages just before <paramref name="beforePosition"/>, oldest first: a thread read from its newest end.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> MessagesBeforeAsync(string conversationId, long beforePosition, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = await (from m in db.GetTable<ConversationMessageRecord>()
                          from s in db.GetTable<MessageRecord>().LeftJoin(s => s.Id == m.MessageId)
                          where m.ConversationId == conversationId && m.Position < beforePosition
                          orderby m.Position descending
                          select new { m, Status = s.Status }).Take(limit).ToListAsync(ct);
        return rows.Select(r => ThreadMessageOf(r.m, r.Status)).Reverse().ToList();
    }

    private static ThreadMessage ThreadMessageOf(ConversationMessageRecord m, string? status) =>
        new(m.MessageId, m.Direction, m.Text, m.Author, m.Keyword, m.At, m.Direction == "out" ? status : null, m.Position);

    /// <summary>
    /// The recipients among <paramref name="contacts"/> that opted out of the account: an opt-out said to any of its
    /// numbers (or its keyword on a shared one) covers all its sends, whatever the sender.
    /// </summary>
    public async Task<IReadOnlySet<string>> OptedOutAsync(string accountId, IReadOnlyList<string> contacts, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (contacts.Count == 1)
        {
            // One recipient (a campaign's hand-over, a single send): a prepared look-up, not a query built for a list.
            await using var one = PreparedCommand.Create(db, "SELECT 1 FROM opt_outs WHERE account_id = @account AND contact = @contact LIMIT 1",
                ("@account", System.Data.DbType.String), ("@contact", System.Data.DbType.String));
            return await one.FirstRowAsync(accountId, contacts[0]) is null ? new HashSet<string>() : new HashSet<string> { contacts[0] };
        }
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
