using System.Collections.Concurrent;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Finds the message part a receipt is about. The operator id is registered the moment submit_sm_resp is
/// handled, but the receipt can overtake that on another thread; a receipt that finds nothing waits for
/// the registration (no polling) for a while before the caller falls back to the database.
/// </summary>
internal sealed class ReceiptCorrelator
{
    private readonly ConcurrentDictionary<(string Bind, string Key), PartRef> _parts = new();
    private readonly ConcurrentDictionary<(string Bind, string Key), TaskCompletionSource<PartRef>> _waiting = new();

    public void Register(string bind, string key, PartRef part)
    {
        _parts[(bind, key)] = part;
        if (_waiting.TryRemove((bind, key), out var waiter))
            waiter.TrySetResult(part);
    }

    /// <summary>The part, if it is registered now; no waiting.</summary>
    public bool TryFind(string bind, string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PartRef? part) =>
        _parts.TryRemove((bind, key), out part);

    public async Task<PartRef?> FindAsync(string bind, string key, TimeSpan wait)
    {
        if (_parts.TryRemove((bind, key), out var part))
            return part;
        var waiter = _waiting.GetOrAdd((bind, key), _ => new TaskCompletionSource<PartRef>(TaskCreationOptions.RunContinuationsAsynchronously));
        // Registered between the first look and the wait.
        if (_parts.TryRemove((bind, key), out part))
        {
            _waiting.TryRemove((bind, key), out _);
            return part;
        }
        try
        {
            var found = await waiter.Task.WaitAsync(wait);
            _parts.TryRemove((bind, key), out _);
            return found;
        }
        catch (TimeoutException)
        {
            _waiting.TryRemove((bind, key), out _);
            return null;
        }
    }
}

/// <summary>A message part: which message, which part, and how many parts the message has.</summary>
internal sealed record PartRef(string MessageId, string AccountId, int Part, int Parts);
