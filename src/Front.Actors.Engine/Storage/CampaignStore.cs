using System.Data;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Domain.Numbers;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Domain.Templates;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Campaigns' rows: the list (following each entity), the audience snapshot with one row per recipient, the pages the
/// fan-out reads, each recipient's outcome, the counts and the per-recipient report. Nothing here loads a whole audience:
/// everything is read and written a page at a time.
/// </summary>
public sealed class CampaignStore(Database database)
{
    private readonly ContactStore _contacts = new(database);

    public const int PageSize = 1_000;

    /// <summary>Writes the entity's state as of event <paramref name="seq"/>, unless the row already shows a later one.</summary>
    public async Task SaveAsync(CampaignRecord row, CancellationToken ct = default)
    {
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        var updated = await db.GetTable<CampaignRecord>().Where(c => c.Id == row.Id && c.AppliedSeq < row.AppliedSeq)
            .Set(c => c.Status, row.Status).Set(c => c.Name, row.Name).Set(c => c.Total, row.Total).Set(c => c.Skipped, row.Skipped)
            .Set(c => c.AppliedSeq, row.AppliedSeq).Set(c => c.UpdatedAt, row.UpdatedAt).UpdateAsync(ct);
        if (updated > 0)
            return;
        try
        {
            await db.InsertAsync(row, token: ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException)
        {
            // The row exists with this or a later event already: nothing to move.
        }
    }

    public async Task<CampaignRecord?> FindAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignRecord>().FirstOrDefaultAsync(c => c.Id == id && c.AccountId == accountId, ct);
    }

    public async Task<CampaignRecord?> FindByIdAsync(string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignRecord>().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The account's campaigns, newest first, a page at a time (<paramref name="before"/>: the last id of the previous page).</summary>
    public async Task<IReadOnlyList<CampaignRecord>> ListAsync(string accountId, string? before, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var query = db.GetTable<CampaignRecord>().Where(c => c.AccountId == accountId);
        if (before is not null)
            query = query.Where(c => c.Id.CompareTo(before) < 0);
        return await query.OrderByDescending(c => c.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>Campaigns a restart must bring back: those scheduled, running or waiting for their window.</summary>
    public async Task<IReadOnlyList<string>> ActiveIdsAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        string[] active = ["scheduled", "running", "waiting-for-window"];
        return await db.GetTable<CampaignRecord>().Where(c => active.Contains(c.Status)).Select(c => c.Id).ToListAsync(ct);
    }

    public async Task<CampaignSettingsRecord> SettingsAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignSettingsRecord>().FirstOrDefaultAsync(s => s.AccountId == accountId, ct)
            ?? new CampaignSettingsRecord { AccountId = accountId, FrequencyMinutes = (int)AudienceRules.DefaultFrequencyWindow.TotalMinutes };
    }

    public async Task SaveSettingsAsync(CampaignSettingsRecord settings, CancellationToken ct = default)
    {
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        await db.InsertOrReplaceAsync(settings, token: ct);
    }

    /// <summary>Stores a campaign's own list of numbers as given (checked by the snapshot), in one transaction, before its entity is created.</summary>
    public async Task SaveListAsync(string accountId, string campaignId, IReadOnlyList<string> numbers, DateTimeOffset now, CancellationToken ct = default)
    {
        if (numbers.Count == 0)
            return;
        var rows = numbers.Select((n, i) => new CampaignListNumberRecord { CampaignId = campaignId, Position = i + 1, Number = n, AccountId = accountId, CreatedAt = now })
            .ToList();
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        await using var tx = await db.BeginTransactionAsync(ct);
        await BatchInsert.RunAsync(db, "campaign_list_numbers", rows, ListColumns, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Deletes a campaign's list: only for a campaign that was never made (its create failed).</summary>
    public async Task DeleteListAsync(string campaignId, CancellationToken ct = default)
    {
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        await db.GetTable<CampaignListNumberRecord>().Where(n => n.CampaignId == campaignId).DeleteAsync(ct);
    }

    /// <summary>The campaign's list after <paramref name="afterPosition"/>, in list order.</summary>
    public async Task<IReadOnlyList<CampaignListNumberRecord>> ListPageAsync(string campaignId, int afterPosition, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignListNumberRecord>().Where(n => n.CampaignId == campaignId && n.Position > afterPosition)
            .OrderBy(n => n.Position).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Resolves the audience once into <c>campaign_recipients</c>: the groups' contacts a page at a time in contact order,
    /// then the campaign's own list in list order; each gets a row, pending or skipped with its reason. Each page is its
    /// own transaction, so other writers (statuses, the journal) wait for one page, never for a million rows, and the
    /// fan-out can send the first pages while later ones are read. It resumes: pages committed before a crash are kept and
    /// the next run goes on after them, so nobody is taken twice. The highest seq says where: a row with a contact id is
    /// the last contact taken; a row without one means the groups are done, and the rows without a contact id (one per
    /// number of the list, skipped or not) count how far into the list it got. Answers the audience's counts once the
    /// last page is in.
    /// </summary>
    public async Task<AudienceCounts> SnapshotAsync(string campaignId, CampaignDefinition definition, DateTimeOffset now, CancellationToken ct = default)
    {
        var merge = MergeTemplate.TryParse(definition.Text, out var parsed, out _) && parsed.Fields.Count > 0 ? parsed : null;
        long seq;
        string? after;
        bool groupsDone;
        int listDone;
        await using (var db = database.Open())
        {
            var recipients = db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId);
            var last = await recipients.OrderByDescending(r => r.Seq).Select(r => new { r.Seq, r.ContactId }).FirstOrDefaultAsync(ct);
            (seq, after, groupsDone) = (last?.Seq ?? 0, last?.ContactId, last is not null && last.ContactId is null);
            listDone = groupsDone ? await recipients.CountAsync(r => r.ContactId == null, ct) : 0;
        }
        while (!groupsDone && definition.GroupIds.Count > 0)
        {
            var page = await _contacts.AudiencePageAsync(definition.AccountId, definition.GroupIds, after, PageSize, ct);
            if (page.Count == 0)
                break;
            after = page[^1].Id;
            seq = await WritePageAsync(campaignId, definition, merge, page.Select(c => new AudienceEntry(c.Number, c.Id,
                new MergeContact(c.Number, c.Name, c.FirstName, c.LastName, ContactStore.FieldsOf(c)))).ToList(), seq, now, ct);
        }
        while (definition.ListSize > 0)
        {
            var page = await ListPageAsync(campaignId, listDone, PageSize, ct);
            if (page.Count == 0)
                break;
            listDone = page[^1].Position;
            // A list has only numbers: merge fields render with their defaults ({number} with the number).
            seq = await WritePageAsync(campaignId, definition, merge, page.Select(n => new AudienceEntry(n.Number, null,
                new MergeContact(n.Number, null, null, null, NoFields))).ToList(), seq, now, ct);
        }
        await using (var db = database.Open())
            return await AudienceCountsAsync(db, campaignId, ct);
    }

    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>One member of the audience: a group's contact (with its id) or a number of the list (without).</summary>
    private sealed record AudienceEntry(string Number, string? ContactId, MergeContact Merge);

    /// <summary>Writes one page of the audience in one transaction; answers the last seq written.</summary>
    private async Task<long> WritePageAsync(string campaignId, CampaignDefinition definition, MergeTemplate? merge, IReadOnlyList<AudienceEntry> page, long seq,
        DateTimeOffset now, CancellationToken ct)
    {
        var accountId = definition.AccountId;
        var since = definition.FrequencyWindow is { } window ? now - window : (DateTimeOffset?)null;
        // Compared as E.164 (how contacts, opt-outs and recipients are stored); a list's numbers come as people typed them.
        var keys = page.Select(e => MobileNumberParser.TryParse(e.Number, out var n, out _) ? n!.E164 : e.Number).ToList();
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        await using var tx = await db.BeginTransactionAsync(ct);
        var recipients = db.GetTable<CampaignRecipientRecord>();
        var numbers = keys.Distinct().ToList();
        var optedOut = (await db.GetTable<OptOutRecord>().Where(o => o.AccountId == accountId && numbers.Contains(o.Contact)).Select(o => o.Contact).ToListAsync(ct)).ToHashSet();
        var already = (await recipients.Where(r => r.CampaignId == campaignId && numbers.Contains(r.Number) && r.State != RecipientStates.Skipped)
            .Select(r => r.Number).ToListAsync(ct)).ToHashSet();
        var lastSent = new Dictionary<string, DateTimeOffset>();
        if (since is { } from)
            foreach (var r in await recipients.Where(r => r.AccountId == accountId && r.CampaignId != campaignId && r.State == RecipientStates.Sent
                         && numbers.Contains(r.Number) && r.UpdatedAt >= from).Select(r => new { r.Number, r.UpdatedAt }).ToListAsync(ct))
                lastSent[r.Number] = lastSent.TryGetValue(r.Number, out var seen) && seen > r.UpdatedAt ? seen : r.UpdatedAt;
        var rows = new List<CampaignRecipientRecord>(page.Count);
        for (var i = 0; i < page.Count; i++)
        {
            var (entry, key) = (page[i], keys[i]);
            var reason = AudienceRules.Classify(entry.Number, !already.Add(key), optedOut.Contains(key),
                lastSent.TryGetValue(key, out var at) ? at : null, definition.FrequencyWindow, now, out var number);
            rows.Add(new CampaignRecipientRecord
            {
                AccountId = accountId, CampaignId = campaignId, Seq = ++seq, Number = number?.E164 ?? entry.Number, ContactId = entry.ContactId,
                Text = reason is null && merge is not null ? definition.Compose(merge.Render(entry.Merge)) : null,
                State = reason is null ? RecipientStates.Pending : RecipientStates.Skipped, SkipReason = reason?.ToWire(), CreatedAt = now, UpdatedAt = now,
            });
        }
        await BatchInsert.RunAsync(db, "campaign_recipients", rows, RecipientColumns, ct);
        await tx.CommitAsync(ct);
        return seq;
    }

    private static async Task<AudienceCounts> AudienceCountsAsync(DataConnection db, string campaignId, CancellationToken ct)
    {
        var rows = await db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId)
            .GroupBy(r => r.SkipReason).Select(g => new { Reason = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return new AudienceCounts(rows.Sum(r => r.Count), rows.Where(r => r.Reason != null).ToDictionary(r => r.Reason!, r => r.Count));
    }

    /// <summary>Recipients still to hand to the engine, after <paramref name="afterSeq"/>, in audience order.</summary>
    public async Task<IReadOnlyList<CampaignRecipientRecord>> PendingPageAsync(string campaignId, long afterSeq, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignRecipientRecord>()
            .Where(r => r.CampaignId == campaignId && r.State == RecipientStates.Pending && r.Seq > afterSeq)
            .OrderBy(r => r.Seq).Take(limit).ToListAsync(ct);
    }

    public async Task<long> PendingCountAsync(string campaignId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<CampaignRecipientRecord>().LongCountAsync(r => r.CampaignId == campaignId && r.State == RecipientStates.Pending, ct);
    }

    /// <summary>Records the engine's answers for a batch of recipients in one transaction; a recipient no longer pending is left as it is.</summary>
    public async Task RecordAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken ct = default)
    {
        if (outcomes.Count == 0)
            return;
        var now = DateTimeOffset.UtcNow;
        using var turn = await database.WriteTurnAsync(ct);
        await using var db = database.Open();
        await using var tx = await db.BeginTransactionAsync(ct);
        await using (var command = PreparedCommand.Create(db,
                         "UPDATE campaign_recipients SET state = @p0, message_id = @p1, detail = @p2, updated_at = @p3 WHERE campaign_id = @p4 AND seq = @p5 AND state = 'pending'",
                         ("@p0", DbType.String), ("@p1", DbType.String), ("@p2", DbType.String), ("@p3", DbType.DateTimeOffset), ("@p4", DbType.String), ("@p5", DbType.Int64)))
        {
            foreach (var o in outcomes)
                await command.RunAsync(o.State, o.MessageId, o.Detail, now, o.CampaignId, o.Seq);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The campaign's counts, from its recipients and their messages' statuses; with <paramref name="replies"/>, also how many
    /// recipients wrote back to the campaign's number after their message was handed over.
    /// </summary>
    public async Task<CampaignCounts> CountsAsync(string campaignId, CampaignReplyScope? replies = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = await (
            from r in db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId)
            from m in db.GetTable<MessageRecord>().LeftJoin(m => m.Id == r.MessageId)
            group r by new { r.State, r.SkipReason, Status = (string?)m.Status } into g
            select new { g.Key.State, g.Key.SkipReason, g.Key.Status, Count = g.LongCount() }).ToListAsync(ct);
        long Sum(Func<string, string?, string?, bool> which) => rows.Where(r => which(r.State, r.SkipReason, r.Status)).Sum(r => r.Count);
        var skippedByReason = rows.Where(r => r.State == RecipientStates.Skipped && r.SkipReason != null)
            .GroupBy(r => r.SkipReason!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        return new CampaignCounts(
            Total: rows.Sum(r => r.Count),
            Skipped: Sum((s, _, _) => s == RecipientStates.Skipped),
            SkippedByReason: skippedByReason,
            Pending: Sum((s, _, _) => s == RecipientStates.Pending),
            Submitted: Sum((s, _, _) => s == RecipientStates.Sent),
            Delivered: Sum((s, _, m) => s == RecipientStates.Sent && m == "delivered"),
            Failed: Sum((s, _, m) => s == RecipientStates.Failed || (s == RecipientStates.Sent && IsFailure(m))),
            Held: Sum((s, _, m) => s == RecipientStates.Sent && m == "held"),
            OptedOut: Sum((s, r, _) => s == RecipientStates.Skipped && r == "opted-out"),
            Queued: Sum((s, _, m) => s == RecipientStates.Sent && m is "accepted" or "queued"),
            AwaitingReceipt: Sum((s, _, m) => s == RecipientStates.Sent && m == "submitted"),
            Replies: replies is null ? 0 : await RepliesAsync(db, campaignId, replies, ct));
    }

    /// <summary>
    /// Recipients whose thread with the campaign's number holds a message from them after theirs was handed over. Read from
    /// the account's threads on that number active since the campaign was created (few, next to a large audience), each
    /// looked up among the recipients by number.
    /// </summary>
    private static async Task<long> RepliesAsync(DataConnection db, string campaignId, CampaignReplyScope scope, CancellationToken ct) =>
        await (
            from c in db.GetTable<ConversationRecord>()
            where c.AccountId == scope.AccountId && c.OurNumber == scope.OurNumber && c.LastMessageAt >= scope.Since
            from r in db.GetTable<CampaignRecipientRecord>().InnerJoin(r => r.CampaignId == campaignId && r.Number == c.Contact && r.State == RecipientStates.Sent)
            where db.GetTable<ConversationMessageRecord>().Any(m => m.ConversationId == c.Id && m.Direction == "in" && m.At > r.UpdatedAt)
            select r.Seq).LongCountAsync(ct);

    /// <summary>
    /// The campaign's report. Operators and failures are grouped by the database; the minutes are counted from the
    /// final messages' times read a row at a time, so memory holds one counter per minute whatever the audience.
    /// </summary>
    public async Task<CampaignReport> SummaryAsync(string campaignId, CampaignReplyScope? replies = null, CancellationToken ct = default)
    {
        var counts = await CountsAsync(campaignId, replies, ct);
        await using var db = database.Open();
        var sent = from r in db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId && r.State == RecipientStates.Sent)
                   from m in db.GetTable<MessageRecord>().InnerJoin(m => m.Id == r.MessageId)
                   select m;
        var byOperator = await (
            from m in sent
            group m by new { m.Operator, m.Status } into g
            select new { g.Key.Operator, g.Key.Status, Count = g.LongCount(), Cost = g.Sum(m => (long?)m.PriceOre) ?? 0 }).ToListAsync(ct);
        var operators = byOperator.GroupBy(o => o.Operator?.ToLowerInvariant() ?? "none")
            .Select(g => new OperatorReport(g.Key, g.Sum(o => o.Count), g.Where(o => o.Status == "delivered").Sum(o => o.Count),
                g.Where(o => IsFailure(o.Status)).Sum(o => o.Count), g.Sum(o => o.Cost)))
            .OrderByDescending(o => o.Messages).ToList();
        var refused = await db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId && r.State == RecipientStates.Failed)
            .GroupBy(r => r.Detail).Select(g => new { Reason = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var failures = refused.Select(f => new FailureReport(f.Reason ?? "refused", f.Count))
            .Concat(byOperator.Where(o => IsFailure(o.Status)).GroupBy(o => o.Status).Select(g => new FailureReport(g.Key, g.Sum(o => o.Count))))
            .GroupBy(f => f.Reason).Select(g => new FailureReport(g.Key, g.Sum(f => f.Count))).OrderByDescending(f => f.Count).ToList();
        var minutes = new SortedDictionary<DateTimeOffset, (long Delivered, long Failed)>();
        await foreach (var m in sent.Where(m => m.Status == "delivered" || m.Status == "undeliverable" || m.Status == "expired" || m.Status == "rejected")
                           .Select(m => new { m.Status, m.UpdatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var at = m.UpdatedAt.ToUniversalTime();
            var minute = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
            var (delivered, failed) = minutes.GetValueOrDefault(minute);
            minutes[minute] = m.Status == "delivered" ? (delivered + 1, failed) : (delivered, failed + 1);
        }
        return new CampaignReport(counts, operators, failures, minutes.Select(kv => new MinuteReport(kv.Key, kv.Value.Delivered, kv.Value.Failed)).ToList());
    }

    private static bool IsFailure(string? status) => status is "undeliverable" or "expired" or "rejected";

    /// <summary>The report, one recipient after the other in audience order, read a page at a time.</summary>
    public async IAsyncEnumerable<CampaignReportRow> ReportAsync(string campaignId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        long after = 0;
        while (true)
        {
            List<CampaignReportRow> page;
            await using (var db = database.Open())
            {
                page = await (
                    from r in db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId && r.Seq > after)
                    from m in db.GetTable<MessageRecord>().LeftJoin(m => m.Id == r.MessageId)
                    orderby r.Seq
                    select new CampaignReportRow(r.Seq, r.Number, r.ContactId, r.State, r.SkipReason, r.Detail, r.MessageId,
                        (string?)m.Status, (string?)m.Operator, (long?)m.PriceOre, r.UpdatedAt)).Take(PageSize).ToListAsync(ct);
            }
            foreach (var row in page)
                yield return row;
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Seq;
        }
    }

    private static readonly IReadOnlyList<BatchInsert.Column<CampaignListNumberRecord>> ListColumns =
    [
        new("campaign_id", DbType.String, n => n.CampaignId), new("position", DbType.Int32, n => n.Position), new("number", DbType.String, n => n.Number),
        new("account_id", DbType.String, n => n.AccountId), new("created_at", DbType.DateTimeOffset, n => n.CreatedAt),
    ];

    private static readonly IReadOnlyList<BatchInsert.Column<CampaignRecipientRecord>> RecipientColumns =
    [
        new("account_id", DbType.String, r => r.AccountId), new("campaign_id", DbType.String, r => r.CampaignId), new("seq", DbType.Int64, r => r.Seq),
        new("number", DbType.String, r => r.Number), new("contact_id", DbType.String, r => r.ContactId), new("text", DbType.String, r => r.Text),
        new("state", DbType.String, r => r.State), new("skip_reason", DbType.String, r => r.SkipReason), new("detail", DbType.String, r => r.Detail),
        new("message_id", DbType.String, r => r.MessageId), new("created_at", DbType.DateTimeOffset, r => r.CreatedAt), new("updated_at", DbType.DateTimeOffset, r => r.UpdatedAt),
    ];
}
