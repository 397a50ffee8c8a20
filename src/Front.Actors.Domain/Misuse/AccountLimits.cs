namespace Front.Actors.Domain.Misuse;

/// <summary>
/// An account's limits: its sending rate, the segments it may send in a month before everything is held,
/// and the largest send that goes out without review.
/// </summary>
public sealed record AccountLimits(int MessagesPerSecond, long MonthlySegments, int BulkThreshold)
{
    public static readonly AccountLimits Default = new(MessagesPerSecond: 50, MonthlySegments: 100_000, BulkThreshold: 500);

    /// <summary>Null when the limits make sense, else the field and the reason.</summary>
    public (string Field, string Reason)? Validate() => this switch
    {
        { MessagesPerSecond: < 1 or > 10_000 } => ("messagesPerSecond", "must be from 1 to 10000"),
        { MonthlySegments: < 0 or > 1_000_000_000 } => ("monthlySegments", "must be from 0 to 1000000000"),
        { BulkThreshold: < 1 or > 10_000_000 } => ("bulkThreshold", "must be from 1 to 10000000"),
        _ => null,
    };
}
