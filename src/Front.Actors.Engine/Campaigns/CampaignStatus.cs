namespace Front.Actors.Engine.Campaigns;

/// <summary>Where a campaign stands (lower case, dashed, on the wire).</summary>
public enum CampaignStatus
{
    Draft,
    /// <summary>A misuse rule holds the whole campaign as one moderation item; a moderator's approval starts it.</summary>
    Held,
    /// <summary>The account requires an admin to approve a marketer's campaign (maker/checker).</summary>
    AwaitingApproval,
    Scheduled,
    Running,
    WaitingForWindow,
    Paused,
    Cancelled,
    Finished,
}

public static class CampaignStatusNames
{
    public static string ToWire(this CampaignStatus status) => status switch
    {
        CampaignStatus.AwaitingApproval => "awaiting-approval",
        CampaignStatus.WaitingForWindow => "waiting-for-window",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool IsFinal(this CampaignStatus status) => status is CampaignStatus.Cancelled or CampaignStatus.Finished;
}
