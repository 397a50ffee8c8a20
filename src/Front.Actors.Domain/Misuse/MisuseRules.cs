namespace Front.Actors.Domain.Misuse;

/// <summary>
/// What the rules decide for one send that does not simply go: hold it for this rule with these details.
/// <paramref name="Admitted"/> messages (the first ones, in request order) may still go now; the rest are held
/// as one item. Only the monthly limit splits a send, so that exactly the segments left in the month are used.
/// </summary>
public sealed record HoldDecision(HoldRule Rule, string Details, IReadOnlyList<string> Domains, int Admitted = 0);

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
        var content = BulkOrLink(text, recipients, limits, approvedDomains);
        if (monthToDateSegments + segments > limits.MonthlySegments)
        {
            var left = Math.Max(0, limits.MonthlySegments - monthToDateSegments);
            // A send the other rules would hold anyway is held whole: a moderator looks at all of it.
            var fit = content is null ? (int)Math.Min(recipients, left / Math.Max(1, segmentsPerMessage)) : 0;
            var split = fit > 0 ? $"; {fit} of {recipients} messages ({fit * (long)segmentsPerMessage} segments) sent, {recipients - fit} held" : "";
            return new HoldDecision(HoldRule.MonthlyLimit,
                $"{monthToDateSegments} of {limits.MonthlySegments} segments used this month; this send needs {segments}{split}", [], fit);
        }
        return content;
    }

    private static HoldDecision? BulkOrLink(string text, int recipients, AccountLimits limits, IReadOnlySet<string> approvedDomains)
    {
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
