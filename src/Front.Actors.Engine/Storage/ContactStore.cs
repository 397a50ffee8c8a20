using System.Data;
using System.Text.Json;
using Front.Actors.Domain.Contacts;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace Front.Actors.Engine.Storage;

/// <summary>What a contact holds, as written through the API or an import (number already in E.164).</summary>
public sealed record ContactData(string Number, string? Name, string? FirstName, string? LastName, IReadOnlyDictionary<string, string> Fields);

/// <summary>What an import did: rows added, existing contacts changed or found as they were, and the group they went into.</summary>
public sealed record ImportOutcome(int Added, int Updated, int Unchanged, string? GroupId);

/// <summary>
/// An account's contacts: kept one per number, searched by number or name, paged by number (a cursor, so a page is
/// cheap however deep), and imported many at a time in one transaction.
/// </summary>
public sealed class ContactStore(Database database)
{
    /// <summary>Numbers looked up per query during an import (well under every database's parameter limit).</summary>
    private const int LookupChunk = 500;

    public static IReadOnlyDictionary<string, string> FieldsOf(ContactRecord contact) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(contact.Fields) ?? new Dictionary<string, string>();

    /// <summary>
    /// A page of the account's contacts in number order after <paramref name="afterNumber"/>: those matching
    /// <paramref name="query"/> (digits: part of the number; else part of a name) and in <paramref name="groupId"/>.
    /// One more row than asked is read, so the caller knows whether there is a next page.
    /// </summary>
    public async Task<IReadOnlyList<ContactRecord>> PageAsync(string accountId, string? query, string? groupId, string? afterNumber, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var contacts = db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId);
        if (groupId is not null)
            contacts = contacts.Where(c => db.GetTable<ContactGroupMemberRecord>().Any(m => m.GroupId == groupId && m.ContactId == c.Id));
        if (NumberPart(query) is { } digits)
            contacts = contacts.Where(c => c.Number.Contains(digits));
        else if (!string.IsNullOrWhiteSpace(query))
        {
            var words = query.Trim().ToLowerInvariant();
            contacts = contacts.Where(c => c.Search.Contains(words));
        }
        if (afterNumber is not null)
            contacts = contacts.Where(c => c.Number.CompareTo(afterNumber) > 0);
        return await contacts.OrderBy(c => c.Number).Take(limit + 1).ToListAsync(ct);
    }

    /// <summary>The digits to look for when the query reads as (part of) a number: "+47 912", "0047912", "912 34".</summary>
    public static string? NumberPart(string? query)
    {
        var text = query?.Trim() ?? "";
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-') || !text.Any(char.IsAsciiDigit))
            return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>
    /// A page of the contacts in any of the groups, in id order after <paramref name="afterId"/>, each once: an audience
    /// read a page at a time, never whole.
    /// </summary>
    public async Task<IReadOnlyList<ContactRecord>> AudiencePageAsync(string accountId, IReadOnlyCollection<string> groupIds, string? afterId, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var contacts = db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId
            && db.GetTable<ContactGroupMemberRecord>().Any(m => m.ContactId == c.Id && groupIds.Contains(m.GroupId)));
        if (afterId is not null)
            contacts = contacts.Where(c => c.Id.CompareTo(afterId) > 0);
        return await contacts.OrderBy(c => c.Id).Take(limit).ToListAsync(ct);
    }

    public async Task<ContactRecord?> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ContactRecord>().FirstOrDefaultAsync(c => c.AccountId == accountId && c.Id == id, ct);
    }

    /// <summary>The ids of the contact's groups.</summary>
    public async Task<IReadOnlyList<string>> GroupsOfAsync(string accountId, string contactId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ContactGroupMemberRecord>().Where(m => m.AccountId == accountId && m.ContactId == contactId)
            .Select(m => m.GroupId).ToListAsync(ct);
    }

    /// <summary>Adds the contact (and puts it in the groups), or answers the id of the contact that has the number already.</summary>
    public async Task<(ContactRecord? Created, string? ExistingId)> CreateAsync(string accountId, ContactData data, IReadOnlyCollection<string> groupIds, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var existing = await db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId && c.Number == data.Number).Select(c => c.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
            return (null, existing);
        var contact = new ContactRecord { Id = NewId(), AccountId = accountId, CreatedAt = now };
        Fill(contact, data, now);
        await db.InsertAsync(contact, token: ct);
        await AddMembersAsync(db, accountId, groupIds, [], now, ct, [contact.Id]);
        await RememberFieldNamesAsync(db, accountId, data.Fields.Keys, now, ct);
        await transaction.CommitAsync(ct);
        return (contact, null);
    }

    /// <summary>Replaces the contact's number, names and fields; null when it does not exist, the other contact's id when the new number is taken.</summary>
    public async Task<(ContactRecord? Updated, string? ExistingId)> ReplaceAsync(string accountId, string id, ContactData data, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var contact = await db.GetTable<ContactRecord>().FirstOrDefaultAsync(c => c.AccountId == accountId && c.Id == id, ct);
        if (contact is null)
            return (null, null);
        var other = await db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId && c.Number == data.Number && c.Id != id).Select(c => c.Id).FirstOrDefaultAsync(ct);
        if (other is not null)
            return (null, other);
        Fill(contact, data, now);
        await db.UpdateAsync(contact, token: ct);
        await RememberFieldNamesAsync(db, accountId, data.Fields.Keys, now, ct);
        await transaction.CommitAsync(ct);
        return (contact, null);
    }

    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<ContactGroupMemberRecord>().Where(m => m.AccountId == accountId && m.ContactId == id).DeleteAsync(ct);
        var deleted = await db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId && c.Id == id).DeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted > 0;
    }

    /// <summary>The custom field names the account's contacts have carried.</summary>
    public async Task<IReadOnlyList<string>> FieldNamesAsync(string accountId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ContactFieldNameRecord>().Where(f => f.AccountId == accountId).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Applies a whole import in one transaction: new numbers are added, known ones take the file's non-empty names and
    /// fields, and every one of them joins the group (when given). Either all of it is stored or none.
    /// </summary>
    /// <param name="groupName">A group to put them in by name, made (in the same transaction) when the account has none by that name.</param>
    public async Task<ImportOutcome> ImportAsync(string accountId, ContactImport import, string? groupId, string? groupName, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        if (groupId is null && !string.IsNullOrWhiteSpace(groupName))
        {
            var key = ContactGroupStore.KeyOf(groupName);
            groupId = await db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId && g.NameKey == key).Select(g => g.Id).FirstOrDefaultAsync(ct);
            if (groupId is null)
            {
                groupId = NewId();
                await db.InsertAsync(new ContactGroupRecord { Id = groupId, AccountId = accountId, Name = groupName.Trim(), NameKey = key, CreatedAt = now, UpdatedAt = now }, token: ct);
            }
        }
        var existing = new Dictionary<string, ContactRecord>(StringComparer.Ordinal);
        foreach (var chunk in import.Contacts.Select(c => c.Number).Chunk(LookupChunk))
            foreach (var contact in await db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId && chunk.Contains(c.Number)).ToListAsync(ct))
                existing[contact.Number] = contact;

        var added = new List<ContactRecord>();
        var ids = new List<string>(import.Contacts.Count);
        int updated = 0, unchanged = 0;
        foreach (var row in import.Contacts)
        {
            if (existing.TryGetValue(row.Number, out var known))
            {
                ids.Add(known.Id);
                if (Merge(known, row, now))
                {
                    await db.UpdateAsync(known, token: ct);
                    updated++;
                }
                else
                    unchanged++;
                continue;
            }
            var contact = new ContactRecord { Id = NewId(), AccountId = accountId, CreatedAt = now };
            Fill(contact, new ContactData(row.Number, row.Name, row.FirstName, row.LastName, row.Fields), now);
            added.Add(contact);
            ids.Add(contact.Id);
        }
        await BatchInsert.RunAsync(db, "contacts", added, ContactColumns, ct);
        if (groupId is not null)
            await AddMembersAsync(db, accountId, [groupId], ids.Except(added.Select(a => a.Id)).ToList(), now, ct, added.Select(a => a.Id).ToList());
        await RememberFieldNamesAsync(db, accountId, import.Contacts.SelectMany(c => c.Fields.Keys).Distinct(), now, ct);
        await transaction.CommitAsync(ct);
        return new ImportOutcome(added.Count, updated, unchanged, groupId);
    }

    private static readonly IReadOnlyList<BatchInsert.Column<ContactRecord>> ContactColumns =
    [
        new("id", DbType.String, c => c.Id), new("account_id", DbType.String, c => c.AccountId), new("number", DbType.String, c => c.Number),
        new("name", DbType.String, c => c.Name), new("first_name", DbType.String, c => c.FirstName), new("last_name", DbType.String, c => c.LastName),
        new("fields", DbType.String, c => c.Fields), new("search", DbType.String, c => c.Search),
        new("created_at", DbType.DateTimeOffset, c => c.CreatedAt), new("updated_at", DbType.DateTimeOffset, c => c.UpdatedAt),
    ];

    private static readonly IReadOnlyList<BatchInsert.Column<ContactGroupMemberRecord>> MemberColumns =
    [
        new("group_id", DbType.String, m => m.GroupId), new("contact_id", DbType.String, m => m.ContactId), new("account_id", DbType.String, m => m.AccountId),
        new("created_at", DbType.DateTimeOffset, m => m.CreatedAt), new("updated_at", DbType.DateTimeOffset, m => m.UpdatedAt),
    ];

    /// <summary>
    /// Adds the contacts to the groups (those already in stay as they are). <paramref name="newContactIds"/> were made in
    /// this transaction and so are in no group yet: they are not looked up (most of a first import).
    /// </summary>
    internal static async Task AddMembersAsync(DataConnection db, string accountId, IReadOnlyCollection<string> groupIds, IReadOnlyList<string> contactIds, DateTimeOffset now,
        CancellationToken ct, IReadOnlyList<string>? newContactIds = null)
    {
        foreach (var groupId in groupIds)
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in contactIds.Chunk(LookupChunk))
                members.UnionWith(await db.GetTable<ContactGroupMemberRecord>().Where(m => m.GroupId == groupId && chunk.Contains(m.ContactId)).Select(m => m.ContactId).ToListAsync(ct));
            var rows = contactIds.Distinct().Where(id => !members.Contains(id)).Concat(newContactIds ?? [])
                .Select(id => new ContactGroupMemberRecord { GroupId = groupId, ContactId = id, AccountId = accountId, CreatedAt = now, UpdatedAt = now }).ToList();
            await BatchInsert.RunAsync(db, "contact_group_members", rows, MemberColumns, ct);
            await db.GetTable<ContactGroupRecord>().Where(g => g.Id == groupId).Set(g => g.UpdatedAt, now).UpdateAsync(ct);
        }
    }

    private static async Task RememberFieldNamesAsync(DataConnection db, string accountId, IEnumerable<string> names, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var name in names)
            await db.GetTable<ContactFieldNameRecord>().InsertOrUpdateAsync(
                () => new ContactFieldNameRecord { AccountId = accountId, Name = name, CreatedAt = now, UpdatedAt = now },
                old => new ContactFieldNameRecord { UpdatedAt = now }, ct);
    }

    private static void Fill(ContactRecord contact, ContactData data, DateTimeOffset now)
    {
        contact.Number = data.Number;
        contact.Name = data.Name;
        contact.FirstName = data.FirstName;
        contact.LastName = data.LastName;
        contact.Fields = JsonSerializer.Serialize(data.Fields);
        contact.Search = SearchText(data.Name, data.FirstName, data.LastName);
        contact.UpdatedAt = now;
    }

    /// <summary>The file's non-empty values over the stored ones; true when anything changed.</summary>
    private static bool Merge(ContactRecord contact, ImportedContact row, DateTimeOffset now)
    {
        var fields = new Dictionary<string, string>(FieldsOf(contact), StringComparer.Ordinal);
        foreach (var (name, value) in row.Fields)
            fields[name] = value;
        var data = new ContactData(contact.Number, row.Name ?? contact.Name, row.FirstName ?? contact.FirstName, row.LastName ?? contact.LastName, fields);
        var changed = data.Name != contact.Name || data.FirstName != contact.FirstName || data.LastName != contact.LastName
                      || JsonSerializer.Serialize(fields) != contact.Fields;
        if (changed)
            Fill(contact, data, now);
        return changed;
    }

    private static string SearchText(params string?[] names) =>
        string.Join(' ', names.Where(n => !string.IsNullOrWhiteSpace(n))).ToLowerInvariant();

    internal static string NewId() => Guid.NewGuid().ToString("N");
}
