using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>What a template delete did: removed, hidden (it has been used), or nothing (no such template).</summary>
public enum TemplateRemoval
{
    NotFound,
    Deleted,
    Hidden,
}

/// <summary>An account's message templates, in the order the account puts them.</summary>
public sealed class TemplateStore(Database database)
{
    public async Task<IReadOnlyList<TemplateRecord>> ListAsync(string accountId, bool includeHidden, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var templates = db.GetTable<TemplateRecord>().Where(t => t.AccountId == accountId);
        if (!includeHidden)
            templates = templates.Where(t => !t.Hidden);
        return await templates.OrderBy(t => t.Position).ThenBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct);
    }

    public async Task<TemplateRecord?> GetAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<TemplateRecord>().FirstOrDefaultAsync(t => t.AccountId == accountId && t.Id == id, ct);
    }

    /// <summary>Adds the template at <paramref name="position"/>, or after the last one.</summary>
    public async Task<TemplateRecord> CreateAsync(string accountId, string name, string text, int? position, bool hidden, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        var last = await db.GetTable<TemplateRecord>().Where(t => t.AccountId == accountId).Select(t => (int?)t.Position).MaxAsync(ct);
        var template = new TemplateRecord
        {
            Id = ContactStore.NewId(), AccountId = accountId, Name = name, Text = text, Position = position ?? (last ?? 0) + 1, Hidden = hidden,
            CreatedAt = now, UpdatedAt = now,
        };
        await db.InsertAsync(template, token: ct);
        return template;
    }

    /// <summary>Changes what is given; null when there is no such template.</summary>
    public async Task<TemplateRecord?> UpdateAsync(string accountId, string id, string? name, string? text, int? position, bool? hidden, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        var template = await db.GetTable<TemplateRecord>().FirstOrDefaultAsync(t => t.AccountId == accountId && t.Id == id, ct);
        if (template is null)
            return null;
        template.Name = name ?? template.Name;
        template.Text = text ?? template.Text;
        template.Position = position ?? template.Position;
        template.Hidden = hidden ?? template.Hidden;
        template.UpdatedAt = DateTimeOffset.UtcNow;
        await db.UpdateAsync(template, token: ct);
        return template;
    }

    /// <summary>Deletes a template no campaign has used; a used one is hidden instead, so what was sent stays named.</summary>
    public async Task<TemplateRemoval> RemoveAsync(string accountId, string id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        var template = await db.GetTable<TemplateRecord>().FirstOrDefaultAsync(t => t.AccountId == accountId && t.Id == id, ct);
        if (template is null)
            return TemplateRemoval.NotFound;
        if (template.UsedAt is null)
        {
            await db.GetTable<TemplateRecord>().Where(t => t.Id == id).DeleteAsync(ct);
            return TemplateRemoval.Deleted;
        }
        await db.GetTable<TemplateRecord>().Where(t => t.Id == id).Set(t => t.Hidden, true).Set(t => t.UpdatedAt, DateTimeOffset.UtcNow).UpdateAsync(ct);
        return TemplateRemoval.Hidden;
    }

    /// <summary>Marks the template used (by a campaign): from then on a delete hides it.</summary>
    public async Task MarkUsedAsync(string accountId, string id, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await db.GetTable<TemplateRecord>().Where(t => t.AccountId == accountId && t.Id == id && t.UsedAt == null)
            .Set(t => t.UsedAt, now).Set(t => t.UpdatedAt, now).UpdateAsync(ct);
    }
}
