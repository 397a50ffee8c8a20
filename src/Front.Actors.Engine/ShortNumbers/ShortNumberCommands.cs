namespace Front.Actors.Engine.ShortNumbers;

/// <summary>What a number's entity is asked; every command names its number (E.164 or short digits) for the extractor.</summary>
public static class ShortNumberCommands
{
    public interface IWithNumber
    {
        string Number { get; }
    }

    public sealed record Configure(string Number, string OwnerAccountId, bool Shared, string? DefaultReply, string By) : IWithNumber;

    public sealed record SetRate(string Number, int? MessagesPerSecond, string By) : IWithNumber;

    public sealed record RegisterKeyword(string Number, string Keyword, string AccountId) : IWithNumber;

    public sealed record ReleaseKeyword(string Number, string Keyword, string AccountId) : IWithNumber;

    public sealed record SetRules(string Number, string AccountId, string? Keyword, string? SubKeyword, IReadOnlyList<InboundRule> Rules) : IWithNumber;

    /// <summary>
    /// Adds a sign-up to the account's group on its keyword or sub-keyword (or changes that sign-up's confirmation),
    /// leaving the keyword's other rules as they are: marketers keep their sign-ups without touching auto-replies,
    /// forwards or webhooks. Refused if the keyword would have more than <paramref name="MaxRules"/> rules.
    /// </summary>
    public sealed record PutSignUp(string Number, string AccountId, string Keyword, string? SubKeyword, string GroupId, string? Reply, int MaxRules) : IWithNumber;

    /// <summary>Removes the keyword's (or sub-keyword's) sign-up to a group, leaving its other rules as they are.</summary>
    public sealed record RemoveSignUp(string Number, string AccountId, string Keyword, string? SubKeyword, string GroupId) : IWithNumber;

    /// <summary>Where an inbound message goes, by its first two words (upper case). Answered with an <see cref="InboundRoute"/>.</summary>
    public sealed record Route(string Number, string? First, string? Second) : IWithNumber;

    public sealed record GetInfo(string Number) : IWithNumber;
}

/// <summary>A number's entity's answers.</summary>
public static class ShortNumberReplies
{
    public interface IReply
    {
        string Number { get; }
    }

    /// <summary>The number as of the event at <paramref name="SequenceNr"/> in its journal (for the read model's applied sequence number).</summary>
    public sealed record Info(string Number, ShortNumberState State, long SequenceNr = 0) : IReply;

    /// <summary>The command was refused and nothing was journaled.</summary>
    public sealed record Refused(string Number, string Field, string Reason, RefusalKind Kind) : IReply;
}
