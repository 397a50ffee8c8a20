using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>
/// Where released held messages go once their move back to accepted is committed: the outbound pipeline. If the
/// process stops before they are handed over, they are stored as accepted and resumed at the next start.
/// </summary>
public interface IHeldMessageHandOver
{
    Task HandOverAsync(IReadOnlyList<MessageRecord> released, CancellationToken ct = default);
}
