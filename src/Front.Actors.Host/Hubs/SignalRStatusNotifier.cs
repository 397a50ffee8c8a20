using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>Pushes each stored status change to the clients of the message's account.</summary>
public sealed class SignalRStatusNotifier(IHubContext<MessagesHub, IMessagesClient> hub) : IStatusNotifier
{
    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var change in changes)
            await hub.Clients.Group(MessagesHub.GroupOf(change.AccountId)).StatusChanged(
                new MessageStatusUpdate(change.MessageId, change.Status.ToWire(), change.At, change.Detail, change.Operator?.ToString().ToLowerInvariant()));
    }
}
