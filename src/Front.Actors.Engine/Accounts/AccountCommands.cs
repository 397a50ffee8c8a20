namespace Front.Actors.Engine.Accounts;

/// <summary>What the account entity is asked; every command names its account so the extractor can route it.</summary>
public static class AccountCommands
{
    public interface IWithAccountId
    {
        string AccountId { get; }
    }

    /// <summary>Admit a send of <paramref name="Messages"/> messages totalling <paramref name="Segments"/> segments.</summary>
    public sealed record Admit(string AccountId, int Messages, int Segments) : IWithAccountId;

    public sealed record GetUsage(string AccountId) : IWithAccountId;
}

/// <summary>The account entity's answers.</summary>
public static class AccountReplies
{
    public sealed record Admitted(string AccountId, long MonthMessages, long MonthSegments);

    public sealed record Usage(string AccountId, string Month, long MonthMessages, long MonthSegments);
}
