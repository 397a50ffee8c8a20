using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>
/// Makes held campaigns moderation items by following the campaign journal: a campaign's <c>HeldForReview</c> lists it in
/// the moderators' queue (and pushes it), its <c>HoldApproved</c>, <c>HoldRejected</c> or <c>Cancelled</c> takes it out (and
/// pushes the decision). The queue is a read model of the journal; the moderation service writes a decision through
/// <see cref="ApplyAsync"/> as well right after the entity journaled it, so the item leaves the queue at once, and whichever
/// comes second changes nothing.
/// </summary>
public sealed class CampaignHoldProjection
{
    public const string Name = "campaign-holds";
    private const string PersistenceIdPrefix = "campaign-";

    private readonly CampaignHoldReadModel _readModel;
    private readonly IModerationNotifier _notifier;
    private readonly ILoggingAdapter _log;
    private readonly JournalProjection _projection;

    public CampaignHoldProjection(ActorSystem system, CampaignHoldReadModel readModel, IModerationNotifier notifier)
    {
        _readModel = readModel;
        _notifier = notifier;
        _log = Logging.GetLogger(system, typeof(CampaignHoldProjection));
        _projection = new JournalProjection(system, Name, PersistenceIdPrefix, readModel.Offsets,
            (envelopes, offset) => ApplyAsync(envelopes.Select(Change).OfType<CampaignHoldChange>().ToList(), offset));
    }

    /// <inheritdoc cref="JournalProjection.Start"/>
    public void Start() => _projection.Start();

    public void Stop() => _projection.Stop();

    /// <inheritdoc cref="JournalProjection.CatchUpAsync"/>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => _projection.CatchUpAsync(ct);

    /// <summary>Writes the changes not written yet, then pushes what this call listed or decided.</summary>
    public async Task ApplyAsync(IReadOnlyList<CampaignHoldChange> changes, ProjectionOffsetRecord? offset = null, CancellationToken ct = default)
    {
        var (listed, decided) = await _readModel.ApplyAsync(changes, offset, ct);
        try
        {
            foreach (var item in listed)
                await _notifier.ItemHeldAsync(item);
            foreach (var d in decided)
                await _notifier.ItemDecidedAsync(d.CampaignId, d.AccountId, d.Decision, d.By, d.Reason);
        }
        catch (Exception e)
        {
            // Stored already: a moderator's queue reads it when it reloads.
            _log.Warning("Could not push held campaign changes: {0}", e.Message);
        }
    }

    private static CampaignHoldChange? Change(EventEnvelope envelope) =>
        JournalProjection.EntityId(envelope, PersistenceIdPrefix) is not { } id ? null : envelope.Event switch
        {
            CampaignEvents.HeldForReview e => new CampaignHoldChange.Held(id, e.AccountId, e.Rule, e.Details, e.Recipients, e.Text, e.At),
            CampaignEvents.HoldApproved e => new CampaignHoldChange.Decided(id, "approved", e.Moderator, e.Reason, e.At),
            CampaignEvents.HoldRejected e => new CampaignHoldChange.Decided(id, "rejected", e.Moderator, e.Reason, e.At),
            // Withdrawn by the customer while held (a campaign that was never held has no row: nothing changes).
            CampaignEvents.Cancelled e => new CampaignHoldChange.Decided(id, "cancelled", e.By, e.Reason, e.At),
            _ => null,
        };
}
