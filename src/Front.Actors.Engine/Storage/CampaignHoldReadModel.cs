using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Storage;

/// <summary>What a campaign entity journaled that the moderators' queue shows: the whole campaign held, and its end.</summary>
public abstract record CampaignHoldChange(string CampaignId)
{
    public sealed record Held(string CampaignId, string? AccountId, string Rule, string Details, long Recipients, string? Text, DateTimeOffset At)
        : CampaignHoldChange(CampaignId);

    /// <param name="Decision">approved, rejected, or cancelled (the customer withdrew it before a moderator decided).</param>
    public sealed record Decided(string CampaignId, string Decision, string By, string Reason, DateTimeOffset At) : CampaignHoldChange(CampaignId);
}

/// <summary>A decision this write recorded (the item was undecided), for the push.</summary>
public sealed record CampaignHoldDecided(string CampaignId, string AccountId, string Decision, string By, string Reason);

/// <summary>
/// Held campaigns in <c>held_items</c> (kind campaign, one row per campaign, its id as the item id). Like
/// <see cref="AccountReadModel"/> it is written by the projection that follows the campaign journal and, for a decision, at
/// once by the moderation service after the entity journaled it: each change is written only if it is not there yet (a row
/// once, a decision only on an undecided row), with the projection's offset in the same transaction, so the second writer
/// changes nothing and pushes nothing.
/// </summary>
public sealed class CampaignHoldReadModel(Database database)
{
    public const int PreviewLength = 160;

    public ProjectionOffsets Offsets { get; } = new(database);

    public async Task<(IReadOnlyList<HeldItemRecord> Listed, IReadOnlyList<CampaignHoldDecided> Decided)> ApplyAsync(
        IReadOnlyList<CampaignHoldChange> changes, ProjectionOffsetRecord? offset = null, CancellationToken ct = default)
    {
        var listed = new List<HeldItemRecord>();
        var decided = new List<CampaignHoldDecided>();
        await using var db = database.Open();
        using var turn = await database.WriteTurnAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        foreach (var change in changes)
        {
            switch (change)
            {
                case CampaignHoldChange.Held held when !await db.GetTable<HeldItemRecord>().AnyAsync(i => i.ItemId == held.CampaignId, ct):
                    // Events journaled before the hold carried the account: the campaign's list row has it.
                    var accountId = held.AccountId
                        ?? await db.GetTable<CampaignRecord>().Where(c => c.Id == held.CampaignId).Select(c => c.AccountId).FirstOrDefaultAsync(ct) ?? "";
                    var text = held.Text ?? "";
                    var record = new HeldItemRecord
                    {
                        ItemId = held.CampaignId, Kind = HeldItemKinds.Campaign, AccountId = accountId, Rule = held.Rule, Details = held.Details,
                        MessageCount = (int)Math.Min(int.MaxValue, held.Recipients), MessageIds = "",
                        Preview = text.Length > PreviewLength ? text[..PreviewLength] : text, HeldAt = held.At,
                    };
                    await db.InsertAsync(record, token: ct);
                    listed.Add(record);
                    break;
                case CampaignHoldChange.Decided d:
                    var updated = await db.GetTable<HeldItemRecord>().Where(i => i.ItemId == d.CampaignId && i.Kind == HeldItemKinds.Campaign && i.Decision == null)
                        .Set(i => i.Decision, d.Decision)
                        .Set(i => i.DecidedBy, d.By)
                        .Set(i => i.Reason, d.Reason)
                        .Set(i => i.DecidedAt, d.At)
                        .UpdateAsync(ct);
                    if (updated > 0)
                    {
                        var account = await db.GetTable<HeldItemRecord>().Where(i => i.ItemId == d.CampaignId).Select(i => i.AccountId).FirstAsync(ct);
                        decided.Add(new CampaignHoldDecided(d.CampaignId, account, d.Decision, d.By, d.Reason));
                    }
                    break;
            }
        }
        if (offset is not null)
            await db.InsertOrReplaceAsync(offset, token: ct);
        await transaction.CommitAsync(ct);
        return (listed, decided);
    }
}
