using Front.Actors.Engine.Conversations;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Writes conversation changes to the inbox read model with group commit, so the inbound lanes share one
/// transaction instead of queueing on SQLite's single writer one by one. A lane waits for its change before
/// sending the next, so each thread's order is kept.
/// </summary>
public sealed class InboxWriter(ConversationStore store) : IAsyncDisposable
{
    private readonly GroupCommit<ConversationChange, IReadOnlyList<InboxUpdate>> _commit = new(
        changes => store.ApplyAsync(changes), change => 1 + change.Events.Count, maxWeight: 1_000);

    /// <summary>Completes with the change's feed entries once they are committed.</summary>
    public Task<IReadOnlyList<InboxUpdate>> ApplyAsync(ConversationChange change) => _commit.SubmitAsync(change);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
