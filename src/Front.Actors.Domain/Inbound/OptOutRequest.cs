namespace Front.Actors.Domain.Inbound;

/// <summary>
/// A stop or start request read from an inbound message: what the contact asks for and, on a shared number, the
/// keyword naming whose messages (null: the number's, or on a shared number every account that texted them from it).
/// </summary>
public sealed record OptOutRequest(OptOutIntent Intent, string? Keyword)
{
    public static OptOutRequest None { get; } = new(OptOutIntent.None, null);

    public bool IsRequest => Intent != OptOutIntent.None;
}
