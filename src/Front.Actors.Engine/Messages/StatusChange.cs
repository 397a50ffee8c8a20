using Front.Actors.Domain.Routing;

namespace Front.Actors.Engine.Messages;

/// <summary>One change to one message, written to the read model in batches and pushed live to the account's clients.</summary>
public sealed record StatusChange(
    string MessageId,
    string AccountId,
    MessageStatus Status,
    DateTimeOffset At,
    string? Detail = null,
    Operator? Operator = null,
    string? Bind = null,
    long? PriceOre = null,
    PartMapping? Part = null)
{
    private readonly DateTimeOffset _at = StatusTime.Stored(At);

    /// <summary>When the step happened, as it is stored (whole microseconds), so the push and the API agree.</summary>
    public DateTimeOffset At { get => _at; init => _at = StatusTime.Stored(value); }
}

/// <summary>The operator's id for one part, to be found again when its receipt comes.</summary>
public sealed record PartMapping(string Bind, string OperatorMessageKey, string OperatorMessageId, int Part);
