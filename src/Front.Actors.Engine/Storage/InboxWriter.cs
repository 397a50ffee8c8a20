using Front.Actors.Engine.Conversations;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// The live path into the inbox read model: writes what a conversation entity just journaled with group commit, so
/// the inbound lanes share one transaction instead of queueing on SQLite's single writer one by one. A lane waits
/// for its change before sending the next, so each thread's order is kept. A change whose thread misses earlier
/// events is left to <see cref="ConversationProjection"/>, which applies them in order.
/// </summary>
public sealed class InboxWriter(ConversationReadModel readModel) : IAsyncDisposable
{
    private readonly GroupCommit<ConversationChange, IReadOnlyList<InboxUpdate>> _commit = new(
        changes => readModel.ApplyAsync(changes, inOrderOnly: true), change => 1 + change.Events.Count, maxWeight: 1_000);

    /// <summary>Completes with the change's feed entries once they are committed (none if it was applied before or is left to the projection).</summary>
    public Task<IReadOnlyList<InboxUpdate>> ApplyAsync(ConversationChange change) => _commit.SubmitAsync(change);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
