using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>Pushes a campaign's progress to whoever follows it (the host's SignalR group <c>campaign:{id}</c>).</summary>
public interface ICampaignProgressNotifier
{
    /// <param name="messagesPerSecond">Recipients handed to the engine per second since the previous push (0 when not sending).</param>
    Task ProgressAsync(string accountId, string campaignId, string status, CampaignCounts counts, double messagesPerSecond);
}

/// <summary>No one follows: the engine alone, and the actor tests.</summary>
public sealed class NoCampaignProgress : ICampaignProgressNotifier
{
    public Task ProgressAsync(string accountId, string campaignId, string status, CampaignCounts counts, double messagesPerSecond) => Task.CompletedTask;
}
