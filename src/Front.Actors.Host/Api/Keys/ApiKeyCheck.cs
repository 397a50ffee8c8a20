using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// What a presented customer key turned out to be: valid (its record and account), refused with the reason the
/// caller is told (<see cref="Refusal"/>, answered 403), or not a customer key at all (unknown or revoked: 401).
/// </summary>
public sealed record ApiKeyCheck(ApiKeyRecord? Key, AccountRecord? Account, string? Refusal)
{
    public static ApiKeyCheck Unknown { get; } = new(null, null, null);

    public static ApiKeyCheck Valid(ApiKeyRecord key, AccountRecord account) => new(key, account, null);

    public static ApiKeyCheck Refused(string reason) => new(null, null, reason);
}
