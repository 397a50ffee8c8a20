using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>A deliver_sm the SMSC owes an ESME and the moment (scheduler monotonic clock) it may be sent.</summary>
internal readonly record struct PendingDelivery(DeliverSm Pdu, TimeSpan Due);
