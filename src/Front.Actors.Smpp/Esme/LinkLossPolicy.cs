namespace Front.Actors.Smpp.Esme;

/// <summary>What happens to submits still waiting for their response when the link is lost.</summary>
public enum LinkLossPolicy
{
    /// <summary>Send them again on the next link (at least once: the SMSC may see one twice).</summary>
    Requeue,

    /// <summary>Give them back as not sent (<see cref="NotSentReason.LinkLost"/>), so the caller can route them elsewhere.</summary>
    HandBack,
}
