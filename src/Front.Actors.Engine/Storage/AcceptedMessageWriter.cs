namespace Front.Actors.Engine.Storage;

/// <summary>
/// Stores accepted messages with group commit: concurrent API calls share one transaction and one disk
/// flush. Each caller learns only when its own messages are stored; a conflict (a client reference stored
/// twice by a race) fails only its own request.
/// </summary>
public sealed class AcceptedMessageWriter(MessageStore store) : IAsyncDisposable
{
    private readonly GroupCommit<IReadOnlyList<MessageRecord>, bool> _commit = new(
        async requests =>
        {
            await store.InsertAcceptedAsync(requests.SelectMany(r => r).ToList());
            return requests.Select(_ => true).ToList();
        },
        messages => messages.Count, maxWeight: 2_000);

    /// <summary>Completes when the messages are committed.</summary>
    public Task StoreAsync(IReadOnlyList<MessageRecord> messages) => _commit.SubmitAsync(messages);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
