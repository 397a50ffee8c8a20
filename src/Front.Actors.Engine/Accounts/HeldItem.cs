using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>A send waiting for a moderator: why, since when, and which messages it holds.</summary>
public sealed record HeldItem(
    string ItemId,
    HoldRule Rule,
    string Details,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> MessageIds,
    long Segments,
    DateTimeOffset HeldAt);
