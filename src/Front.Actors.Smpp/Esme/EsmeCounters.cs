namespace Front.Actors.Smpp.Esme;

/// <summary>Running totals of one session, owned by its actor; read through <see cref="Snapshot"/>.</summary>
internal sealed class EsmeCounters
{
    public long Sent;
    public long Accepted;
    public long Rejected;
    public long NotSent;
    public long Throttled;
    public long ResponseTimeouts;
    public long Reconnects;
    public long BindFailures;
    public long DeliversReceived;
    public long DeliversDeferred;

    public EsmeCountersSnapshot Snapshot() =>
        new(Sent, Accepted, Rejected, NotSent, Throttled, ResponseTimeouts, Reconnects, BindFailures, DeliversReceived, DeliversDeferred);
}

/// <summary>
/// A session's totals at one moment. <see cref="Sent"/> counts submit_sm PDUs written, retries included;
/// <see cref="DeliversDeferred"/> counts deliver_sm answered ESME_RX_T_APPN because the consumer was behind.
/// </summary>
public sealed record EsmeCountersSnapshot(
    long Sent,
    long Accepted,
    long Rejected,
    long NotSent,
    long Throttled,
    long ResponseTimeouts,
    long Reconnects,
    long BindFailures,
    long DeliversReceived,
    long DeliversDeferred);
