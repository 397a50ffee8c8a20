using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>
/// Pushes each stored status change to the clients of the message's account (called by the StatusWriter only): one
/// by one to the account's plain connections, as one list per batch to those that asked for batches.
/// </summary>
public sealed class SignalRStatusNotifier(IHubContext<MessagesHub, IMessagesClient> hub) : IStatusNotifier
{
    public async Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        foreach (var account in changes.GroupBy(c => c.AccountId))
        {
            var updates = account.Select(MessageStatusUpdate.From).ToList();
            await hub.Clients.Group(MessagesHub.BatchedGroupOf(account.Key)).StatusesChanged(updates);
            var plain = hub.Clients.Group(MessagesHub.GroupOf(account.Key));
            foreach (var update in updates)
                await plain.StatusChanged(update);
        }
    }
}
