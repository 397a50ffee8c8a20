namespace Front.Actors.Engine.ShortNumbers;

/// <summary>What a number's entity journals.</summary>
public static class ShortNumberEvents
{
    public interface IShortNumberEvent : Serialization.IPersisted;

    /// <summary>The number is owned by an account; a shared number also carries others' keywords.</summary>
    public sealed record NumberConfigured(string OwnerAccountId, bool Shared, string? DefaultReply, string By, DateTimeOffset At) : IShortNumberEvent;

    /// <summary>The number's own sending rate; null: no limit beyond the account's and the operator's.</summary>
    public sealed record RateSet(int? MessagesPerSecond, string By, DateTimeOffset At) : IShortNumberEvent;

    public sealed record KeywordRegistered(string Keyword, string AccountId, DateTimeOffset At) : IShortNumberEvent;

    public sealed record KeywordReleased(string Keyword, DateTimeOffset At) : IShortNumberEvent;

    /// <summary>Rules of the number (no keyword), a keyword, or a keyword's sub-keyword, replacing earlier ones.</summary>
    public sealed record RulesSet(string? Keyword, string? SubKeyword, IReadOnlyList<InboundRule> Rules, DateTimeOffset At) : IShortNumberEvent;
}
