using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.SmscSimulator;

/// <summary>What the simulator does with one submit: accept it (and the outcome its receipt will report), or refuse it with a status.</summary>
internal readonly record struct SubmitDecision(CommandStatus Status, MessageState Outcome);
