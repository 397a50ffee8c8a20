using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>Pushes each stored status change to the clients of the message's account (called by the StatusWriter only).</summary>
public sealed class SignalRStatusNotifier(IHubContext<MessagesHub, IMessagesClient> hub) : IStatusNotifier
{
    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var change in changes)
            await hub.Clients.Group(MessagesHub.GroupOf(change.AccountId)).StatusChanged(MessageStatusUpdate.From(change));
    }
}
