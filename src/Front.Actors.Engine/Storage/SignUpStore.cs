using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>A sign-up to carry out: the rule's work id, the account's group, who texted what to which of our numbers, and when it came.</summary>
public sealed record SignUpJoin(
    string WorkId, string AccountId, string GroupId, string Number, string OurNumber, string? Keyword, string? SubKeyword, string Text, string MessageId, DateTimeOffset At);

/// <summary>A sign-up stored: the group's name (for the confirmation) and whether this call stored it (false: done before, a repeat).</summary>
public sealed record SignUpJoined(string GroupName, bool New);

/// <summary>
/// Sign-ups by SMS: the contact (made when the number is new), their membership of the group and the consent row are
/// written in one transaction, so a sign-up is all there or not at all; a STOPP closes the account's open sign-ups and
/// takes the contact out of those groups, also in one transaction.
/// </summary>
public sealed class SignUpStore(Database database)
{
    /// <summary>Stores the sign-up, or finds it stored (a repeat after a crash); null when the account has no such group (any more).</summary>
    public async Task<SignUpJoined?> JoinAsync(SignUpJoin join, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var group = await db.GetTable<ContactGroupRecord>().FirstOrDefaultAsync(g => g.AccountId == join.AccountId && g.Id == join.GroupId, ct);
        if (group is null)
            return null;
        if (await db.GetTable<SignUpRecord>().AnyAsync(s => s.Id == join.WorkId, ct))
            return new SignUpJoined(group.Name, New: false);
        var now = DateTimeOffset.UtcNow;
        var contactId = await db.GetTable<ContactRecord>().Where(c => c.AccountId == join.AccountId && c.Number == join.Number).Select(c => c.Id).FirstOrDefaultAsync(ct);
        if (contactId is null)
        {
            contactId = ContactStore.NewId();
            await db.InsertAsync(new ContactRecord { Id = contactId, AccountId = join.AccountId, Number = join.Number, CreatedAt = now, UpdatedAt = now }, token: ct);
        }
        await ContactStore.AddMembersAsync(db, join.AccountId, [group.Id], [contactId], now, ct);
        await db.InsertAsync(new SignUpRecord
        {
            Id = join.WorkId, AccountId = join.AccountId, GroupId = group.Id, ContactId = contactId, Number = join.Number, OurNumber = join.OurNumber,
            Keyword = join.Keyword, SubKeyword = join.SubKeyword, Text = join.Text, MessageId = join.MessageId, JoinedAt = join.At,
        }, token: ct);
        await transaction.CommitAsync(ct);
        return new SignUpJoined(group.Name, New: true);
    }

    /// <summary>
    /// The contact said STOPP to the account (at <paramref name="at"/>, the message's time): every sign-up of theirs with the
    /// account made before then is closed with how they left, and they leave those groups. Sign-ups made after the STOPP
    /// stay, so doing this again after a crash takes nobody out of a group they joined since. Answers how many closed.
    /// </summary>
    public async Task<int> LeaveAsync(string accountId, string number, string ourNumber, string text, string messageId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var open = await db.GetTable<SignUpRecord>().Where(s => s.AccountId == accountId && s.Number == number && s.LeftAt == null && s.JoinedAt <= at).ToListAsync(ct);
        if (open.Count == 0)
            return 0;
        foreach (var (groupId, contactId) in open.Select(s => (s.GroupId, s.ContactId)).Distinct())
            await db.GetTable<ContactGroupMemberRecord>().Where(m => m.AccountId == accountId && m.GroupId == groupId && m.ContactId == contactId).DeleteAsync(ct);
        var ids = open.Select(s => s.Id).ToList();
        await db.GetTable<SignUpRecord>().Where(s => ids.Contains(s.Id))
            .Set(s => s.LeftAt, at).Set(s => s.LeftOurNumber, ourNumber).Set(s => s.LeftText, text).Set(s => s.LeftMessageId, messageId)
            .UpdateAsync(ct);
        await transaction.CommitAsync(ct);
        return open.Count;
    }

    /// <summary>A page of the account's sign-ups in the order they came (by id) after <paramref name="afterId"/>, of one group and/or one number.</summary>
    public async Task<IReadOnlyList<SignUpRecord>> PageAsync(string accountId, string? groupId, string? number, string? afterId, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = db.GetTable<SignUpRecord>().Where(s => s.AccountId == accountId);
        if (groupId is not null)
            rows = rows.Where(s => s.GroupId == groupId);
        if (number is not null)
            rows = rows.Where(s => s.Number == number);
        if (afterId is not null)
            rows = rows.Where(s => s.Id.CompareTo(afterId) > 0);
        return await rows.OrderBy(s => s.Id).Take(limit).ToListAsync(ct);
    }
}
