using System.Collections.Concurrent;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// Turns status changes of conversation replies into inbox updates, so every agent watching the thread
/// (and one that reconnects later) sees "submitted", "delivered"… A reply is followed from the moment the
/// intake stored it; changes that come before the thread has recorded the reply are held and pushed
/// right after, in order. Only replies are followed: bulk traffic costs one look-up per change here.
/// </summary>
public sealed class ReplyFollower(ConversationStore store, IInboxNotifier notifier) : IStatusNotifier
{
    private readonly ConcurrentDictionary<string, Followed> _followed = new();

    public void Follow(IEnumerable<string> messageIds, string accountId)
    {
        foreach (var id in messageIds)
            _followed[id] = new Followed(accountId);
    }

    /// <summary>The thread has recorded the reply: what was held for it is pushed now.</summary>
    public async Task RecordedAsync(string messageId)
    {
        if (!_followed.TryGetValue(messageId, out var followed))
            return;
        await followed.Gate.WaitAsync();
        try
        {
            followed.Recorded = true;
            foreach (var change in followed.Held)
                await PushAsync(followed, change);
            followed.Held.Clear();
        }
        finally
        {
            followed.Gate.Release();
        }
    }

    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var change in changes)
        {
            if (!_followed.TryGetValue(change.MessageId, out var followed))
                continue;
            // One reply's changes are pushed one at a time, in order, whether held first or not.
            await followed.Gate.WaitAsync();
            try
            {
                if (followed.Recorded)
                    await PushAsync(followed, change);
                else
                    followed.Held.Add(change);
            }
            finally
            {
                followed.Gate.Release();
            }
        }
    }

    private async Task PushAsync(Followed followed, StatusChange change)
    {
        if (change.Status.IsFinal())
            _followed.TryRemove(change.MessageId, out _);
        if (await store.AppendStatusAsync(change.MessageId, change.Status.ToWire(), change.At) is { } update)
            await notifier.NotifyAsync(followed.AccountId, [update]);
    }

    private sealed class Followed(string accountId)
    {
        public string AccountId { get; } = accountId;
        public bool Recorded { get; set; }
        public List<StatusChange> Held { get; } = new();
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
