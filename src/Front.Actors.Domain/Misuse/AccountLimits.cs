namespace Front.Actors.Domain.Misuse;

/// <summary>
/// An account's limits: its sending rate, the segments it may send in a month before everything is held,
/// and the largest send that goes out without review.
/// </summary>
public sealed record AccountLimits(int MessagesPerSecond, long MonthlySegments, int BulkThreshold)
{
    public static readonly AccountLimits Default = new(MessagesPerSecond: 50, MonthlySegments: 100_000, BulkThreshold: 500);

    /// <summary>Null when the limits make sense, else the first field and its reason.</summary>
    public (string Field, string Reason)? Validate() => Problems() is [var first, ..] ? first : null;

    /// <summary>Every field that does not make sense, with its reason (empty when all do).</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string Field, string Reason)>();
        if (MessagesPerSecond is < 1 or > 10_000)
            problems.Add(("messagesPerSecond", "must be from 1 to 10000"));
        if (MonthlySegments is < 0 or > 1_000_000_000)
            problems.Add(("monthlySegments", "must be from 0 to 1000000000"));
        if (BulkThreshold is < 1 or > 10_000_000)
            problems.Add(("bulkThreshold", "must be from 1 to 10000000"));
        return problems;
    }
}
