using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Front.Actors.Smpp.Esme;

namespace Front.Actors.Engine.Pipeline;

/// <summary>One part of one message, routed to a bind and ready to submit, with the attempt it belongs to.</summary>
public sealed record PartSubmit(OutboundMessage Message, Route Route, int Part, int Parts, SubmitAttempt Attempt, SubmitRequest Request);
