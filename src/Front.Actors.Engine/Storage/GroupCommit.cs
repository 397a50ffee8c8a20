using System.Threading.Channels;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// Group commit: requests that arrive while one transaction commits are written together in the next, so
/// concurrent callers share one write (and one disk flush) instead of queueing for the database's write
/// lock one by one. Each caller still learns only about its own request, in the order requests came. A
/// batch that fails is retried request by request, so one bad request fails only its own caller.
/// </summary>
public sealed class GroupCommit<TRequest, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> _write;
    private readonly Func<TRequest, int> _weight;
    private readonly int _maxWeight;
    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="write">Writes the requests in one transaction and returns one result per request, in order.</param>
    /// <param name="weight">How much of a transaction a request takes (rows, say); a batch stops at <paramref name="maxWeight"/>.</param>
    public GroupCommit(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> write, Func<TRequest, int> weight, int maxWeight)
    {
        _write = write;
        _weight = weight;
        _maxWeight = maxWeight;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes with the request's result once it is committed.</summary>
    public Task<TResult> SubmitAsync(TRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
            pending.Done.SetException(new ObjectDisposedException(nameof(GroupCommit<TRequest, TResult>)));
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var weight = 0;
            while (weight < _maxWeight && reader.TryRead(out var next))
            {
                batch.Add(next);
                weight += _weight(next.Request);
            }
            try
            {
                var results = await _write(batch.Select(p => p.Request).ToList());
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                    await WriteAloneAsync(pending);
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            pending.Done.TrySetResult((await _write([pending.Request]))[0]);
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Done);
}
