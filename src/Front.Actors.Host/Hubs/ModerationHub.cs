using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>What moderators' clients receive.</summary>
public interface IModerationClient
{
    Task ItemHeld(HeldItemUpdate item);

    Task ItemDecided(ItemDecision decision);
}

/// <param name="Kind">message (held messages) or campaign (a whole campaign; <paramref name="MessageCount"/> is its recipients).</param>
public sealed record HeldItemUpdate(string Id, string AccountId, string Rule, string Details, int MessageCount, string Preview, DateTimeOffset HeldAt, string Kind);

public sealed record ItemDecision(string Id, string AccountId, string Decision, string Moderator, string Reason);

/// <summary>The moderators' live queue; only moderator keys may connect.</summary>
[Authorize(AuthenticationSchemes = ApiKeyAuthentication.SchemeName, Roles = ApiKeyAuthentication.ModeratorRole)]
public sealed class ModerationHub : Hub<IModerationClient>
{
    public const string Group = "moderators";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group);
        await base.OnConnectedAsync();
    }
}

/// <summary>Pushes held items and decisions to every connected moderator.</summary>
public sealed class SignalRModerationNotifier(IHubContext<ModerationHub, IModerationClient> hub) : IModerationNotifier
{
    public Task ItemHeldAsync(HeldItemRecord item) =>
        hub.Clients.Group(ModerationHub.Group).ItemHeld(new HeldItemUpdate(item.ItemId, item.AccountId, item.Rule, item.Details, item.MessageCount, item.Preview, item.HeldAt, HeldItemKinds.Of(item)));

    public Task ItemDecidedAsync(string itemId, string accountId, string decision, string moderator, string reason) =>
        hub.Clients.Group(ModerationHub.Group).ItemDecided(new ItemDecision(itemId, accountId, decision, moderator, reason));
}
