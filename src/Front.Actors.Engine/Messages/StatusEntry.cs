using Front.Actors.Domain.Routing;

namespace Front.Actors.Engine.Messages;

/// <summary>
/// What the status writer stores, in the order posted: a step in a message's history, a part the operator
/// accepted, or a receipt for a part. A message's "submitted" and final steps are not posted: they follow
/// from its stored parts (<see cref="MessageProgress"/>), so they survive any restart between parts.
/// </summary>
public abstract record StatusEntry
{
    /// <summary>A step decided by the pipeline, the API or a moderator (queued, rejected, accepted, …).</summary>
    public sealed record Step(StatusChange Change) : StatusEntry;

    /// <summary>The operator took one part (submit_sm_resp) and gave it this id.</summary>
    public sealed record PartAccepted(string MessageId, string AccountId, Operator Via, PartMapping Mapping, DateTimeOffset At) : StatusEntry;

    /// <summary>A final receipt for the part the operator knows by this key on this bind.</summary>
    public sealed record Receipt(string Bind, string OperatorMessageKey, MessageStatus Outcome, string Detail, DateTimeOffset At) : StatusEntry;
}
