namespace Front.Actors.Engine.Campaigns;

/// <summary>What a campaign's entity journals.</summary>
public static class CampaignEvents
{
    public interface ICampaignEvent : Serialization.IPersisted
    {
        DateTimeOffset At { get; }
    }

    public sealed record Created(CampaignDefinition Definition, string By, DateTimeOffset At) : ICampaignEvent;

    /// <param name="NeedsApproval">An admin of the account must still approve it after the moderator (maker/checker).</param>
    /// <param name="AccountId">What the moderators' queue shows (added later: older events have none, nor recipients or text).</param>
    /// <param name="Recipients">The audience's size as estimated when it was held.</param>
    /// <param name="Text">The campaign's text (merge fields unfilled).</param>
    public sealed record HeldForReview(string Rule, string Details, string By, DateTimeOffset At, bool NeedsApproval = false,
        string? AccountId = null, long Recipients = 0, string? Text = null) : ICampaignEvent;

    public sealed record ApprovalRequested(string By, DateTimeOffset At) : ICampaignEvent;

    public sealed record Approved(string By, DateTimeOffset At) : ICampaignEvent;

    public sealed record HoldApproved(string Moderator, string Reason, DateTimeOffset At) : ICampaignEvent;

    public sealed record HoldRejected(string Moderator, string Reason, DateTimeOffset At) : ICampaignEvent;

    public sealed record Scheduled(DateTimeOffset StartAt, DateTimeOffset At) : ICampaignEvent;

    public sealed record Started(DateTimeOffset At) : ICampaignEvent;

    /// <summary>The audience was resolved into the campaign's recipients table (one transaction) with these counts.</summary>
    public sealed record AudienceSnapshotted(long Total, IReadOnlyDictionary<string, long> Skipped, DateTimeOffset At) : ICampaignEvent;

    public sealed record WindowClosed(DateTimeOffset NextOpening, DateTimeOffset At) : ICampaignEvent;

    public sealed record WindowOpened(DateTimeOffset At) : ICampaignEvent;

    public sealed record Paused(string By, DateTimeOffset At) : ICampaignEvent;

    public sealed record Resumed(string By, DateTimeOffset At) : ICampaignEvent;

    public sealed record Cancelled(string By, string Reason, DateTimeOffset At) : ICampaignEvent;

    /// <summary>Every recipient was handed to the engine (sent or failed); deliveries may still come.</summary>
    public sealed record Finished(DateTimeOffset At) : ICampaignEvent;
}
