using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>Pushes stored status changes to whoever watches them live (the host's SignalR hub).</summary>
public interface IStatusNotifier
{
    Task NotifyAsync(IReadOnlyList<StatusChange> changes);
}
