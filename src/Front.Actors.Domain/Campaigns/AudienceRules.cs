using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Campaigns;

/// <summary>
/// Whether one contact of the audience gets the campaign, as a pure function of what the snapshot knows about it.
/// The first reason that applies is the one counted: a number that cannot be texted is invalid before anything else;
/// an opt-out outweighs a repeat.
/// </summary>
public static class AudienceRules
{
    /// <summary>The default frequency window: one campaign per contact per day.</summary>
    public static readonly TimeSpan DefaultFrequencyWindow = TimeSpan.FromDays(1);

    /// <param name="lastCampaignAt">When another campaign of the account last texted this number, if ever.</param>
    /// <param name="frequencyWindow">Null: the account does not limit how often a contact gets campaigns.</param>
    public static SkipReason? Classify(string number, bool alreadyInAudience, bool optedOut, DateTimeOffset? lastCampaignAt, TimeSpan? frequencyWindow,
        DateTimeOffset now, out MobileNumber? parsed)
    {
        if (!MobileNumberParser.TryParse(number, out parsed, out _))
            return SkipReason.InvalidNumber;
        if (optedOut)
            return SkipReason.OptedOut;
        if (alreadyInAudience)
            return SkipReason.Duplicate;
        if (frequencyWindow is { } window && lastCampaignAt is { } last && now - last < window)
            return SkipReason.RecentlyContacted;
        return null;
    }
}
