using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// A mobile-originated deliver_sm as it came from an operator bind. <paramref name="Settle"/> answers the
/// operator: true once the message is stored (in its conversation or as unrouted), false to have it resent.
/// </summary>
public sealed record MobileOriginated(string Bind, Front.Actors.Domain.Routing.Operator Operator, DeliverSm Pdu, Action<bool> Settle);
