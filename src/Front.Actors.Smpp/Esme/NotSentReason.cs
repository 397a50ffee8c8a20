namespace Front.Actors.Smpp.Esme;

/// <summary>Why a submit was handed back without an answer from the SMSC.</summary>
public enum NotSentReason
{
    /// <summary>The session's queue of waiting submits was full; nothing was sent.</summary>
    QueueFull,

    /// <summary>The PDU could not be encoded (a field over its maximum length); nothing was sent.</summary>
    InvalidPdu,

    /// <summary>The session was stopping or stopped before the submit could be sent.</summary>
    ShuttingDown,

    /// <summary>The link dropped while the submit waited for its response; the SMSC may or may not have it.</summary>
    LinkLost,

    /// <summary>No response came within the wait-ack timeout; the SMSC may or may not have it.</summary>
    ResponseTimeout,
}
