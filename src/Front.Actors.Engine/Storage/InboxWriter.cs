using System.Threading.Channels;
using Front.Actors.Engine.Conversations;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Group commit for the inbox read model: changes that arrive while one transaction commits are stored
/// together in the next, so the inbound lanes share one write instead of queueing for SQLite's single
/// writer one by one. Order is kept (a lane waits for its change before sending the next). A batch that
/// fails is retried change by change so one bad change fails only its own caller.
/// </summary>
public sealed class InboxWriter : IAsyncDisposable
{
    private const int MaxChangesPerTransaction = 500;

    private readonly ConversationStore _store;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public InboxWriter(ConversationStore store)
    {
        _store = store;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes with the change's feed entries once they are committed.</summary>
    public Task<IReadOnlyList<InboxUpdate>> ApplyAsync(ConversationChange change)
    {
        var pending = new Pending(change, new TaskCompletionSource<IReadOnlyList<InboxUpdate>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            pending.Stored.SetException(new ObjectDisposedException(nameof(InboxWriter)));
        return pending.Stored.Task;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxChangesPerTransaction && reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                var stored = await _store.ApplyAsync(batch.Select(p => p.Change).ToList());
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Stored.TrySetResult(stored[i]);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                    await StoreAloneAsync(pending);
            }
            catch (Exception e)
            {
                batch[0].Stored.TrySetException(e);
            }
        }
    }

    private async Task StoreAloneAsync(Pending pending)
    {
        try
        {
            pending.Stored.TrySetResult((await _store.ApplyAsync([pending.Change]))[0]);
        }
        catch (Exception e)
        {
            pending.Stored.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(ConversationChange Change, TaskCompletionSource<IReadOnlyList<InboxUpdate>> Stored);
}
