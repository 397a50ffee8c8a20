using Akka.Actor;
using Akka.Event;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>
/// Carries out account changes, from whichever writer comes first (the moderation service live, or the decision
/// projection following the journal): stores them through <see cref="AccountReadModel"/> (decision, message moves and
/// the projection's offset in one transaction), then hands the messages this call released to the pipeline, then
/// pushes. A writer that finds the change done already releases and pushes nothing, so each message goes once.
/// </summary>
public sealed class HeldItemRelease(
    ActorSystem system, AccountReadModel readModel, HeldItemStore items, StatusWriter statuses, IModerationNotifier notifier, IHeldMessageHandOver handOver)
{
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(HeldItemRelease));

    public AccountReadModel ReadModel => readModel;

    public async Task<AccountChangesApplied> ApplyAsync(IReadOnlyList<AccountChange> changes, ProjectionOffsetRecord? offset = null, CancellationToken ct = default)
    {
        var applied = await readModel.ApplyAsync(changes, offset, ct);
        // The steps first, through the writer, so no later step of a released message can overtake its "accepted".
        await statuses.PushStoredAsync(applied.Moved, ct);
        if (applied.Released.Count > 0)
        {
            try
            {
                await handOver.HandOverAsync(await items.MessagesAsync(applied.Released, ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored as accepted: resumed from storage at the next start.
                _log.Error(e, "Could not hand {0} released messages to the pipeline", applied.Released.Count);
            }
        }
        await PushAsync(applied);
        return applied;
    }

    private async Task PushAsync(AccountChangesApplied applied)
    {
        try
        {
            foreach (var item in applied.Listed)
                await notifier.ItemHeldAsync(item);
            foreach (var d in applied.Recorded)
                await notifier.ItemDecidedAsync(d.ItemId, d.AccountId, d.Approved ? "approved" : "rejected", d.Moderator, d.Reason);
        }
        catch (Exception e)
        {
            // Stored already: a moderator's queue reads it when it reloads.
            _log.Warning("Could not push moderation changes: {0}", e.Message);
        }
    }
}
