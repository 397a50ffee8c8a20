using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Engine.Pipeline;

/// <summary>A mobile-originated deliver_sm as it came from an operator bind.</summary>
public sealed record MobileOriginated(string Bind, DeliverSm Pdu);
