using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// The one outcome of one submit: every <see cref="SubmitRequest"/> ends in exactly one of
/// <see cref="SubmitAccepted"/>, <see cref="SubmitRejected"/> or <see cref="SubmitNotSent"/>.
/// </summary>
public abstract record SubmitResult(SubmitRequest Request);

/// <summary>The SMSC took the message and gave it <paramref name="MessageId"/>; a receipt may follow.</summary>
public sealed record SubmitAccepted(SubmitRequest Request, string MessageId) : SubmitResult(Request);

/// <summary>The SMSC refused the message with a permanent status; sending it again will not help.</summary>
public sealed record SubmitRejected(SubmitRequest Request, CommandStatus Status) : SubmitResult(Request);

/// <summary>The session gives the message back; see <see cref="Reason"/> for whether the SMSC might have it.</summary>
public sealed record SubmitNotSent(SubmitRequest Request, NotSentReason Reason, string Detail) : SubmitResult(Request);
