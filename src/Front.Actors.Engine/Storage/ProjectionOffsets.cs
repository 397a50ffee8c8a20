using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>Where each projection stopped in the journal (<c>projection_offsets</c>); each read model stores its own in the transaction of its rows.</summary>
public sealed class ProjectionOffsets(Database database)
{
    /// <summary>Where the projection <paramref name="name"/> stopped (0: from the start of the journal).</summary>
    public async Task<long> OffsetAsync(string name, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<ProjectionOffsetRecord>().Where(o => o.Name == name).Select(o => (long?)o.Offset).FirstOrDefaultAsync(ct) ?? 0;
    }
}
