using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>Every status watcher at once: the customers' message feed and the agents' inbox.</summary>
public sealed class StatusNotifiers(IEnumerable<IStatusNotifier> notifiers) : IStatusNotifier
{
    private readonly IStatusNotifier[] _notifiers = notifiers.ToArray();

    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var notifier in _notifiers)
            await notifier.NotifyAsync(changes);
    }
}
