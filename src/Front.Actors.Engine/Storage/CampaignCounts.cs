namespace Front.Actors.Engine.Storage;

/// <summary>
/// A campaign's progress, read from its recipients and their messages' statuses (the truth, not a tally in memory).
/// <see cref="Submitted"/> counts recipients whose message the engine accepted; delivered, failed and held follow those
/// messages; <see cref="Failed"/> also counts recipients the engine refused. Of the submitted ones, <see cref="Queued"/>
/// are still in the engine (not yet at an operator) and <see cref="AwaitingReceipt"/> are at an operator without an outcome.
/// <see cref="Replies"/> counts recipients who wrote back to the campaign's number after their message was handed over.
/// </summary>
public sealed record CampaignCounts(
    long Total, long Skipped, IReadOnlyDictionary<string, long> SkippedByReason, long Pending, long Submitted, long Delivered, long Failed, long Held, long OptedOut,
    long Queued = 0, long AwaitingReceipt = 0, long Replies = 0)
{
    public static readonly CampaignCounts None = new(0, 0, new Dictionary<string, long>(), 0, 0, 0, 0, 0, 0);

    /// <summary>Every recipient handed over has its outcome (or waits for a moderator): nothing more will change by itself.</summary>
    public bool Settled => Pending == 0 && Queued == 0 && AwaitingReceipt == 0;
}

/// <summary>
/// Where a campaign's replies arrive: the account's threads on the number it sends from (as the inbox stores it: E.164 for a
/// mobile number, the digits of a short number), active since the campaign was created. A campaign sent from a sender
/// name can have no replies: no thread is on such a number.
/// </summary>
public sealed record CampaignReplyScope(string AccountId, string OurNumber, DateTimeOffset Since)
{
    public static CampaignReplyScope For(string accountId, string from, DateTimeOffset since) =>
        new(accountId, Domain.Numbers.MobileNumberParser.TryParse(from, out var number, out _) ? number!.E164 : from, since);
}

/// <summary>The counts of an audience snapshot: recipients in it (skipped ones included) and skipped ones by reason.</summary>
public sealed record AudienceCounts(long Total, IReadOnlyDictionary<string, long> Skipped);

/// <summary>One line of a campaign's per-recipient report.</summary>
public sealed record CampaignReportRow(long Seq, string Number, string? ContactId, string State, string? SkipReason, string? Detail, string? MessageId,
    string? MessageStatus, string? Operator, long? PriceOre, DateTimeOffset UpdatedAt);

/// <summary>One recipient's outcome at the engine's intake.</summary>
public sealed record RecipientOutcome(string CampaignId, long Seq, string State, string? MessageId, string? Detail);

/// <summary>
/// A campaign's report: its counts, delivery and cost per operator, failures by reason, and deliveries per minute (UTC),
/// all read from its recipients and their messages.
/// </summary>
public sealed record CampaignReport(
    CampaignCounts Counts, IReadOnlyList<OperatorReport> Operators, IReadOnlyList<FailureReport> Failures, IReadOnlyList<MinuteReport> OverTime);

/// <summary>One operator's share of a campaign: messages routed to it, delivered, failed, and their cost in øre.</summary>
public sealed record OperatorReport(string Operator, long Messages, long Delivered, long Failed, long CostOre);

/// <summary>Recipients that failed for one reason (refused at the intake, or the message's final status).</summary>
public sealed record FailureReport(string Reason, long Count);

/// <summary>Messages that reached their final status in one minute.</summary>
public sealed record MinuteReport(DateTimeOffset Minute, long Delivered, long Failed);
