namespace Front.Actors.Domain.Misuse;

/// <summary>What the rules decide for one send: go, or hold for this rule with these details.</summary>
public sealed record HoldDecision(HoldRule Rule, string Details, IReadOnlyList<string> Domains);

/// <summary>
/// The provider's terms as a pure function: a suspended account sends nothing; a send past the monthly
/// volume, a bulk send above the threshold, or a link to an unapproved domain waits for a moderator.
/// The first rule that applies is the one recorded.
/// </summary>
public static class MisuseRules
{
    public static HoldDecision? Evaluate(
        string text, int recipients, int segmentsPerMessage, long monthToDateSegments,
        AccountLimits limits, IReadOnlySet<string> approvedDomains, bool suspended)
    {
        if (suspended)
            return new HoldDecision(HoldRule.Suspended, "the account is suspended", []);
        var segments = (long)recipients * segmentsPerMessage;
        if (monthToDateSegments + segments > limits.MonthlySegments)
            return new HoldDecision(HoldRule.MonthlyLimit,
                $"{monthToDateSegments} of {limits.MonthlySegments} segments used this month; this send needs {segments}", []);
        if (recipients > limits.BulkThreshold)
            return new HoldDecision(HoldRule.BulkSend, $"{recipients} recipients, threshold {limits.BulkThreshold}", []);
        var unapproved = LinkDetector.Find(text)
            .Where(l => !approvedDomains.Any(approved => DomainName.IsCoveredBy(l.Domain, approved)))
            .ToList();
        if (unapproved.Count > 0)
        {
            var domains = unapproved.Select(l => l.Domain).Distinct().ToList();
            var details = string.Join(", ", unapproved.Select(l => l.Describe()).Distinct());
            return new HoldDecision(HoldRule.UnapprovedLink, $"link to {details}", domains);
        }
        return null;
    }
}
