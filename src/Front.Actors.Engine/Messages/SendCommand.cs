namespace Front.Actors.Engine.Messages;

/// <summary>A send as the gateway received it: raw strings, validated by <see cref="MessageIntake"/>.</summary>
/// <param name="OptOutNotice">
/// The confirmation of a contact's own STOPP or START: it reaches them although they opted out (nothing else does).
/// </param>
public sealed record SendCommand(string AccountId, string From, IReadOnlyList<string> To, string Text, string? ClientRef, bool OptOutNotice = false);

/// <summary>The outcome of a send: accepted messages (stored) and recipients refused with a reason.</summary>
public sealed record SendResult(IReadOnlyList<AcceptedMessage> Messages, IReadOnlyList<RejectedRecipient> Rejected);

public sealed record AcceptedMessage(string Id, string To, string Status, int Segments, string Encoding);

public sealed record RejectedRecipient(string To, string Reason);

/// <summary>A send refused as a whole, naming the field and the reason; <see cref="Kind"/> chooses the API's status.</summary>
public sealed class SendRefusedException(string field, string reason, RefusalKind kind = RefusalKind.Invalid) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
    public RefusalKind Kind { get; } = kind;
}
