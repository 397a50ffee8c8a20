using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>What a campaign entity needs from its node: the rows, the intake and the progress pushes.</summary>
public sealed record CampaignWork(CampaignStore Store, ICampaignSender Sender, ICampaignProgressNotifier Progress);
