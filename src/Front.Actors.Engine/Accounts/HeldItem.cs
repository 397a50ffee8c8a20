using Front.Actors.Domain.Misuse;

namespace Front.Actors.Engine.Accounts;

/// <summary>
/// A send waiting for a moderator: why, since when, and which messages it holds. <see cref="Sender"/>: the
/// alphanumeric name of an item held as unregistered-sender, registered when it is approved (absent in older journals).
/// </summary>
public sealed record HeldItem(
    string ItemId,
    HoldRule Rule,
    string Details,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> MessageIds,
    long Segments,
    DateTimeOffset HeldAt,
    string? Sender = null);
