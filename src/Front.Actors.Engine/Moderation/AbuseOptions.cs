namespace Front.Actors.Engine.Moderation;

/// <summary>Limits that keep one account from flooding the moderators and the engine (section <c>Abuse</c>).</summary>
public sealed class AbuseOptions
{
    /// <summary>
    /// Held items an account may have waiting for review; a send that would be held beyond it is refused (429).
    /// Each waiting item is state of the account entity and a row in the moderators' queue.
    /// </summary>
    public int MaxHeldItems { get; set; } = Accounts.AccountState.DefaultMaxHeldItems;

    /// <summary>What a refused client is told to wait (Retry-After) before trying again: moderators need time.</summary>
    public TimeSpan HeldRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a node re-reads which accounts are suspended (a suspension made on another node reaches it then).</summary>
    public TimeSpan SuspensionRefresh { get; set; } = TimeSpan.FromSeconds(2);
}
