namespace Front.Actors.Engine.Messages;

/// <summary>
/// Where a message stands given its stored parts: submitted once the operator has accepted every part,
/// final once every part has an outcome (delivered only if every part was; otherwise the first part that
/// was not speaks for the message). A part sent twice (after a link loss) counts once.
/// </summary>
public static class MessageProgress
{
    public sealed record PartState(int Part, MessageStatus? Outcome);

    /// <summary>The steps the message's parts now call for, in order; none when it is already final or a part is missing.</summary>
    public static IReadOnlyList<MessageStatus> StepsDue(MessageStatus current, int segments, IEnumerable<PartState> parts)
    {
        if (current.IsFinal())
            return [];
        var byPart = parts.Where(p => p.Part >= 1 && p.Part <= segments)
            .GroupBy(p => p.Part)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Outcome).FirstOrDefault(o => o is not null));
        if (byPart.Count < segments)
            return [];
        var steps = new List<MessageStatus>(2);
        if (current != MessageStatus.Submitted)
            steps.Add(MessageStatus.Submitted);
        if (byPart.Values.All(o => o is not null))
            steps.Add(byPart.OrderBy(p => p.Key).Select(p => p.Value!.Value).FirstOrDefault(o => o != MessageStatus.Delivered, MessageStatus.Delivered));
        return steps;
    }
}
