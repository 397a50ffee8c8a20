using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// One submit_sm to send. <paramref name="Reference"/> is the caller's own id (for example message id and
/// part number) and comes back in the result; the session assigns the sequence number.
/// </summary>
public sealed record SubmitRequest(string Reference, SubmitSm Pdu);
