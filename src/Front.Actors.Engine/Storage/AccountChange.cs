using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Storage;

/// <summary>What an account entity journaled that its read model shows (held items, decisions, suspension).</summary>
public abstract record AccountChange(string AccountId)
{
    public sealed record Held(string AccountId, HeldItem Item) : AccountChange(AccountId);

    public sealed record Decided(string AccountId, string ItemId, bool Approved, string Moderator, string Reason, DateTimeOffset At) : AccountChange(AccountId);

    public sealed record Suspended(string AccountId, string Moderator, DateTimeOffset At) : AccountChange(AccountId);

    public sealed record Resumed(string AccountId, DateTimeOffset At) : AccountChange(AccountId);
}

/// <summary>What one write of account changes did: items it listed, decisions it recorded, steps it stored, and the approved messages it released.</summary>
public sealed record AccountChangesApplied(
    IReadOnlyList<HeldItemRecord> Listed, IReadOnlyList<AccountChange.Decided> Recorded, IReadOnlyList<StatusChange> Moved, IReadOnlyList<string> Released);
