using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Front.Actors.Host.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>What a client following campaigns receives.</summary>
public interface ICampaignsClient
{
    Task CampaignProgress(CampaignProgressUpdate update);
}

/// <summary>
/// A campaign's counts (the API's <c>counts</c>), status and current rate (recipients handed over per second since the
/// previous push) at a moment; pushed about once a second per campaign while it sends and until its outcomes are in.
/// </summary>
public sealed record CampaignProgressUpdate(string Id, string Status, object Counts, DateTimeOffset At, double MessagesPerSecond = 0);

/// <summary>
/// Live campaign progress: a client calls <c>Follow(campaignId)</c> to join the group <c>campaign:{id}</c> (admins and marketers
/// of the campaign's account, and moderators) and gets the current counts back at once.
/// </summary>
[Authorize(AuthenticationSchemes = ApiKeyAuthentication.SchemeName)]
public sealed class CampaignsHub(CampaignStore store, CampaignService campaigns) : Hub<ICampaignsClient>
{
    public static string GroupOf(string campaignId) => $"campaign:{campaignId}";

    public async Task<CampaignProgressUpdate> Follow(string campaignId)
    {
        var user = Context.User!;
        var accounts = user.AccountsWith(Role.Admin, Role.Marketer);
        // The entity, not the list row: a campaign just created is followed before its row is written.
        var campaign = accounts.Count == 0 && !user.IsModerator() ? null : await campaigns.FindAsync(campaignId);
        if (campaign is null || (!user.IsModerator() && !accounts.Contains(campaign.Definition!.AccountId)))
            throw new HubException($"no campaign '{campaignId}' for this caller");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(campaignId));
        return new CampaignProgressUpdate(campaignId, campaign.Status.ToWire(), CampaignsEndpoints.CountsView(await store.CountsAsync(campaignId, campaign.ReplyScope())), DateTimeOffset.UtcNow);
    }

    public Task Unfollow(string campaignId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(campaignId));
}

/// <summary>Pushes a campaign entity's progress ticks to its group (on this node; see the README on clusters).</summary>
public sealed class SignalRCampaignProgress(IHubContext<CampaignsHub, ICampaignsClient> hub) : ICampaignProgressNotifier
{
    public Task ProgressAsync(string accountId, string campaignId, string status, CampaignCounts counts, double messagesPerSecond) =>
        hub.Clients.Group(CampaignsHub.GroupOf(campaignId)).CampaignProgress(
            new CampaignProgressUpdate(campaignId, status, CampaignsEndpoints.CountsView(counts), DateTimeOffset.UtcNow, Math.Round(messagesPerSecond, 1)));
}
