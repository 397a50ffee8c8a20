using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>Pushes a campaign's progress to whoever follows it (the host's SignalR group <c>campaign:{id}</c>).</summary>
public interface ICampaignProgressNotifier
{
    Task ProgressAsync(string accountId, string campaignId, string status, CampaignCounts counts);
}

/// <summary>No one follows: the engine alone, and the actor tests.</summary>
public sealed class NoCampaignProgress : ICampaignProgressNotifier
{
    public Task ProgressAsync(string accountId, string campaignId, string status, CampaignCounts counts) => Task.CompletedTask;
}
