using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>Hands one recipient of a campaign to the engine and says what became of it (never throws for a bad recipient).</summary>
public interface ICampaignSender
{
    Task<RecipientOutcome> SendAsync(string campaignId, CampaignDefinition definition, CampaignRecipientRecord recipient, CancellationToken ct = default);
}
