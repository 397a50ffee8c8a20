namespace Front.Actors.Engine.Campaigns;

/// <summary>What a campaign's entity is asked; every command names the campaign for the extractor.</summary>
public static class CampaignCommands
{
    public interface IWithCampaignId
    {
        string CampaignId { get; }
    }

    public sealed record Create(string CampaignId, CampaignDefinition Definition, string By) : IWithCampaignId;

    /// <summary>
    /// Start it. The caller brings the facts the entity cannot know: whether the account's misuse rules would hold it
    /// (<paramref name="Hold"/>) and whether the account requires an admin's approval that the caller cannot give.
    /// </summary>
    public sealed record Start(string CampaignId, string By, CampaignHold? Hold, bool NeedsApproval) : IWithCampaignId;

    /// <summary>An admin's approval of a marketer's campaign (maker/checker).</summary>
    public sealed record Approve(string CampaignId, string By) : IWithCampaignId;

    /// <summary>A moderator's decision on a held campaign; only the first counts.</summary>
    public sealed record DecideHold(string CampaignId, bool Approve, string Moderator, string Reason) : IWithCampaignId;

    public sealed record Pause(string CampaignId, string By) : IWithCampaignId;

    public sealed record Resume(string CampaignId, string By) : IWithCampaignId;

    public sealed record Cancel(string CampaignId, string By) : IWithCampaignId;

    public sealed record Get(string CampaignId) : IWithCampaignId;

    /// <summary>Brings the entity up after a restart so a scheduled, waiting or running campaign carries on.</summary>
    public sealed record Wake(string CampaignId) : IWithCampaignId;
}

/// <summary>Which misuse rule holds a campaign, and why; <paramref name="Recipients"/> is the audience estimate the moderator sees.</summary>
public sealed record CampaignHold(string Rule, string Details, long Recipients = 0);

/// <summary>A campaign entity's answers.</summary>
public static class CampaignReplies
{
    public sealed record Info(string CampaignId, CampaignState State);

    /// <summary>Refused, nothing journaled; the field and reason go to the caller's problem details.</summary>
    public sealed record Refused(string CampaignId, string Field, string Reason, RefusalKind Kind);
}
