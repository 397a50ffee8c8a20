using System.Collections.Concurrent;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// Turns status changes of conversation replies into inbox updates, so every agent watching the thread
/// (and one that reconnects later) sees "submitted", "delivered"… Only replies are followed: bulk traffic
/// costs one dictionary look-up per change here.
/// </summary>
public sealed class ReplyFollower(ConversationStore store, IInboxNotifier notifier) : IStatusNotifier
{
    // Message id → account, until the final status.
    private readonly ConcurrentDictionary<string, string> _followed = new();

    public void Follow(IEnumerable<string> messageIds, string accountId)
    {
        foreach (var id in messageIds)
            _followed[id] = accountId;
    }

    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var change in changes)
        {
            if (!_followed.TryGetValue(change.MessageId, out var accountId))
                continue;
            if (change.Status.IsFinal())
                _followed.TryRemove(change.MessageId, out _);
            if (await store.AppendStatusAsync(change.MessageId, change.Status.ToWire(), change.At) is { } update)
                await notifier.NotifyAsync(accountId, [update]);
        }
    }
}
