using Front.Actors.Domain.Numbers;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Protected sender names (kept by moderators) and the record of which account texted whom from which shared number.</summary>
public sealed class SenderStore(Database database)
{
    public async Task<IReadOnlyList<ProtectedSenderRecord>> ProtectedAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ProtectedSenderRecord>().OrderBy(p => p.Name).ToListAsync(ct);
    }

    /// <summary>The protected entry that reads as <paramref name="name"/>, or null.</summary>
    public async Task<ProtectedSenderRecord?> FindProtectedAsync(string name, CancellationToken ct = default)
    {
        var canonical = SenderName.Canonical(name);
        await using var db = database.Open();
        // Asked on every send from a name, and nearly always "no": a prepared look-up first.
        await using (var any = PreparedCommand.Create(db, "SELECT 1 FROM protected_senders WHERE canonical = @canonical", ("@canonical", System.Data.DbType.String)))
            if (await any.FirstRowAsync(canonical) is null)
                return null;
        return await db.GetTable<ProtectedSenderRecord>().FirstOrDefaultAsync(p => p.Canonical == canonical, ct);
    }

    /// <summary>Adds the name, or replaces the accounts allowed to use it.</summary>
    public async Task<ProtectedSenderRecord> ProtectAsync(string name, IReadOnlyCollection<string> accountIds, string by, CancellationToken ct = default)
    {
        var record = new ProtectedSenderRecord
        {
            Canonical = SenderName.Canonical(name), Name = name, AccountIds = string.Join(',', accountIds.Distinct().Order(StringComparer.Ordinal)), AddedBy = by,
            AddedAt = DateTimeOffset.UtcNow,
        };
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await db.InsertOrReplaceAsync(record, token: ct);
        return record;
    }

    public async Task<bool> UnprotectAsync(string name, CancellationToken ct = default)
    {
        var canonical = SenderName.Canonical(name);
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        return await db.GetTable<ProtectedSenderRecord>().Where(p => p.Canonical == canonical).DeleteAsync(ct) > 0;
    }

    /// <summary>Seeds the list on a database that has none yet (a moderator's later removal is not undone at the next start).</summary>
    public async Task SeedProtectedAsync(IEnumerable<string> names, CancellationToken ct = default)
    {
        await using (var db = database.Open())
            if (await db.GetTable<ProtectedSenderRecord>().AnyAsync(ct))
                return;
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)))
            await ProtectAsync(name.Trim(), [], "seed", ct);
    }

    /// <summary>Records that the account texts these contacts from the (shared) number: kept with when first and last.</summary>
    public async Task RecordSentAsync(string accountId, string ourNumber, IReadOnlyCollection<string> contacts, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var contact in contacts)
            await db.GetTable<SenderContactRecord>().InsertOrUpdateAsync(
                () => new SenderContactRecord { AccountId = accountId, OurNumber = ourNumber, Contact = contact, FirstAt = now, LastAt = now },
                old => new SenderContactRecord { LastAt = now }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The accounts that have texted the contact from the number.</summary>
    public async Task<IReadOnlyList<string>> AccountsThatSentAsync(string ourNumber, string contact, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<SenderContactRecord>().Where(s => s.OurNumber == ourNumber && s.Contact == contact)
            .OrderBy(s => s.FirstAt).ThenBy(s => s.AccountId).Select(s => s.AccountId).ToListAsync(ct);
    }
}
