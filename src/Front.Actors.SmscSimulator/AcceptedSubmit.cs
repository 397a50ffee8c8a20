using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>A submit the simulator accepted, with the message id it answered.</summary>
public sealed record AcceptedSubmit(string MessageId, SubmitSm Pdu, string SystemId, DateTimeOffset At);
