namespace Front.Actors.Smpp.Esme;

/// <summary>
/// What the session does when a submit_sm gets no response within the wait-ack timeout
/// (Kannel's wait-ack-expire). The message's fate is unknown at that point: the SMSC may have it.
/// </summary>
public enum WaitAckAction
{
    /// <summary>Treat the link as broken: drop it, reconnect, and send the unanswered submits again.</summary>
    Reconnect,

    /// <summary>Keep the link and send the unanswered submit again with a new sequence number.</summary>
    Requeue,

    /// <summary>Give the submit back as not sent (<see cref="NotSentReason.ResponseTimeout"/>) for the caller to decide.</summary>
    HandBack,
}
