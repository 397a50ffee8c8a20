using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>A group as listed: the record and how many contacts it holds.</summary>
public sealed record ContactGroupView(ContactGroupRecord Group, int Members);

/// <summary>An account's contact groups and who is in them. Names are unique per account, ignoring case.</summary>
public sealed class ContactGroupStore(Database database)
{
    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();

    /// <summary>A page of groups in name order after <paramref name="afterKey"/> (one more than asked, to tell whether more follow).</summary>
    public async Task<IReadOnlyList<ContactGroupView>> PageAsync(string accountId, string? query, string? afterKey, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var groups = db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var key = KeyOf(query);
            groups = groups.Where(g => g.NameKey.Contains(key));
        }
        if (afterKey is not null)
            groups = groups.Where(g => g.NameKey.CompareTo(afterKey) > 0);
        var page = await groups.OrderBy(g => g.NameKey).Take(limit + 1).ToListAsync(ct);
        var ids = page.Select(g => g.Id).ToList();
        var counts = await db.GetTable<ContactGroupMemberRecord>().Where(m => ids.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return page.Select(g => new ContactGroupView(g, counts.GetValueOrDefault(g.Id))).ToList();
    }

    public async Task<ContactGroupView?> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var group = await db.GetTable<ContactGroupRecord>().FirstOrDefaultAsync(g => g.AccountId == accountId && g.Id == id, ct);
        return group is null ? null : new ContactGroupView(group, await db.GetTable<ContactGroupMemberRecord>().CountAsync(m => m.GroupId == id, ct));
    }

    /// <summary>The ids among <paramref name="ids"/> that are not groups of the account.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(string accountId, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
            return [];
        await using var db = database.Open();
        var found = await db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId && ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
        return ids.Except(found).ToList();
    }

    /// <summary>Makes the group, or answers the id of the account's group with that name.</summary>
    public async Task<(ContactGroupRecord? Created, string? ExistingId)> CreateAsync(string accountId, string name, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        var key = KeyOf(name);
        var existing = await db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId && g.NameKey == key).Select(g => g.Id).FirstOrDefaultAsync(ct);
        if (existing is not null)
            return (null, existing);
        var group = new ContactGroupRecord { Id = ContactStore.NewId(), AccountId = accountId, Name = name.Trim(), NameKey = key, CreatedAt = now, UpdatedAt = now };
        await db.InsertAsync(group, token: ct);
        return (group, null);
    }

    /// <summary>The account's group with that name, made when it is new (an import into a named group).</summary>
    public async Task<ContactGroupRecord> EnsureAsync(string accountId, string name, CancellationToken ct = default)
    {
        var (created, existing) = await CreateAsync(accountId, name, ct);
        return created ?? (await GetAsync(accountId, existing!, ct))!.Group;
    }

    /// <summary>Renames the group: null when it does not exist, the other group's id when the name is taken.</summary>
    public async Task<(ContactGroupRecord? Renamed, string? ExistingId)> RenameAsync(string accountId, string id, string name, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        var key = KeyOf(name);
        var group = await db.GetTable<ContactGroupRecord>().FirstOrDefaultAsync(g => g.AccountId == accountId && g.Id == id, ct);
        if (group is null)
            return (null, null);
        var other = await db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId && g.NameKey == key && g.Id != id).Select(g => g.Id).FirstOrDefaultAsync(ct);
        if (other is not null)
            return (null, other);
        group.Name = name.Trim();
        group.NameKey = key;
        group.UpdatedAt = DateTimeOffset.UtcNow;
        await db.UpdateAsync(group, token: ct);
        return (group, null);
    }

    /// <summary>Deletes the group and its memberships; the contacts stay.</summary>
    public async Task<bool> DeleteAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        await db.GetTable<ContactGroupMemberRecord>().Where(m => m.AccountId == accountId && m.GroupId == id).DeleteAsync(ct);
        var deleted = await db.GetTable<ContactGroupRecord>().Where(g => g.AccountId == accountId && g.Id == id).DeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted > 0;
    }

    /// <summary>Adds the account's contacts to the group; answers the ids that are not contacts of the account (then nothing is added).</summary>
    public async Task<IReadOnlyList<string>> AddMembersAsync(string accountId, string groupId, IReadOnlyCollection<string> contactIds, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in contactIds.Chunk(500))
            found.UnionWith(await db.GetTable<ContactRecord>().Where(c => c.AccountId == accountId && chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
        var unknown = contactIds.Where(id => !found.Contains(id)).Distinct().ToList();
        if (unknown.Count > 0)
            return unknown;
        await ContactStore.AddMembersAsync(db, accountId, [groupId], contactIds.ToList(), DateTimeOffset.UtcNow, ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    public async Task<bool> RemoveMemberAsync(string accountId, string groupId, string contactId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        return await db.GetTable<ContactGroupMemberRecord>().Where(m => m.AccountId == accountId && m.GroupId == groupId && m.ContactId == contactId).DeleteAsync(ct) > 0;
    }
}
