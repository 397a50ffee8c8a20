using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Pushes stored status changes to whoever watches them live (the host's SignalR hub, the agents' inbox). Called by the
/// <see cref="StatusWriter"/> only, once per stored step and in the order stored: anything else that changes a status
/// posts it to the writer (or, if it stored the step itself, hands it to <see cref="StatusWriter.PushStoredAsync"/>).
/// </summary>
public interface IStatusNotifier
{
    Task NotifyAsync(IReadOnlyList<StatusChange> changes);
}
