using System.Threading.Channels;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Group commit for accepted messages: requests that arrive while one transaction commits are stored
/// together in the next, so concurrent API calls share one disk flush instead of queueing for the write
/// lock one by one. Each caller still learns only when its own messages are stored, and a batch that
/// fails (for example a client reference stored twice by a race) is retried caller by caller so one
/// conflict fails only its own request.
/// </summary>
public sealed class AcceptedMessageWriter : IAsyncDisposable
{
    private const int MaxMessagesPerTransaction = 2_000;

    private readonly MessageStore _store;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public AcceptedMessageWriter(MessageStore store)
    {
        _store = store;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when the messages are committed.</summary>
    public Task StoreAsync(IReadOnlyList<MessageRecord> messages)
    {
        var pending = new Pending(messages, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            pending.Stored.SetException(new ObjectDisposedException(nameof(AcceptedMessageWriter)));
        return pending.Stored.Task;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var messages = 0;
            while (messages < MaxMessagesPerTransaction && reader.TryRead(out var next))
            {
                batch.Add(next);
                messages += next.Messages.Count;
            }
            try
            {
                await _store.InsertAcceptedAsync(batch.SelectMany(p => p.Messages).ToList());
                foreach (var pending in batch)
                    pending.Stored.TrySetResult();
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
            await _store.InsertAcceptedAsync(pending.Messages);
            pending.Stored.TrySetResult();
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

    private sealed record Pending(IReadOnlyList<MessageRecord> Messages, TaskCompletionSource Stored);
}
