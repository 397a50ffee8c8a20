namespace Front.Actors.Domain.Campaigns;

/// <summary>Why a contact of the audience is not sent the campaign; each is counted.</summary>
public enum SkipReason
{
    OptedOut,
    Duplicate,
    InvalidNumber,
    RecentlyContacted,
}

public static class SkipReasons
{
    public static string ToWire(this SkipReason reason) => reason switch
    {
        SkipReason.OptedOut => "opted-out",
        SkipReason.Duplicate => "duplicate",
        SkipReason.InvalidNumber => "invalid-number",
        SkipReason.RecentlyContacted => "recently-contacted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static readonly IReadOnlyList<SkipReason> All = Enum.GetValues<SkipReason>();
}
