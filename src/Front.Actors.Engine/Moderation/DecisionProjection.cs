using Akka.Actor;
using Akka.Persistence.Query;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>
/// Makes held items, decisions and suspensions follow the account journal: reads the tagged account events from its
/// stored offset and carries them out through <see cref="HeldItemRelease"/> with the new offset in the same
/// transaction. Normally the moderation service has done so already and this only moves the offset on; after a
/// crash between a decision's journal write and its release it releases the messages, once, and hands them over.
/// Started after stored messages were resumed, so a message it releases is handed over by it alone.
/// </summary>
public sealed class DecisionProjection
{
    public const string Name = "account-decisions";
    private const string PersistenceIdPrefix = "account-";

    private readonly HeldItemRelease _release;
    private readonly JournalProjection _projection;

    public DecisionProjection(ActorSystem system, HeldItemRelease release)
    {
        _release = release;
        _projection = new JournalProjection(system, Name, PersistenceIdPrefix, release.ReadModel.Offsets, ApplyAsync);
    }

    /// <inheritdoc cref="JournalProjection.Start"/>
    public void Start() => _projection.Start();

    public void Stop() => _projection.Stop();

    /// <inheritdoc cref="JournalProjection.CatchUpAsync"/>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => _projection.CatchUpAsync(ct);

    private Task ApplyAsync(IReadOnlyList<EventEnvelope> envelopes, ProjectionOffsetRecord offset) =>
        _release.ApplyAsync(envelopes.Select(Change).OfType<AccountChange>().ToList(), offset);

    private static AccountChange? Change(EventEnvelope envelope) =>
        JournalProjection.EntityId(envelope, PersistenceIdPrefix) is not { } account ? null : envelope.Event switch
        {
            AccountEvents.ItemHeld e => new AccountChange.Held(account, e.Item),
            AccountEvents.ItemApproved e => new AccountChange.Decided(account, e.ItemId, true, e.Moderator, e.Reason, e.At),
            AccountEvents.ItemRejected e => new AccountChange.Decided(account, e.ItemId, false, e.Moderator, e.Reason, e.At),
            AccountEvents.AccountSuspended e => new AccountChange.Suspended(account, e.Moderator, e.At),
            AccountEvents.AccountResumed e => new AccountChange.Resumed(account, e.At),
            _ => null,
        };
}
