namespace Front.Actors.SmscSimulator;

/// <summary>The simulator's running totals, bumped from every connection actor with interlocked adds (no lock per message).</summary>
internal sealed class SmscCounters
{
    public long Connections;
    public long ActiveSessions;
    public long BindsAccepted;
    public long BindsRejected;
    public long SubmitsReceived;
    public long SubmitsAccepted;
    public long SubmitsThrottled;
    public long SubmitsFailed;
    public long ReceiptsSent;
    public long MobileOriginatedSent;
    public long DeliverSmRespReceived;
    public long GenericNacksSent;
    public long LinksDropped;
    public long EnquireLinksAnswered;
    public long DeliveriesHandedOn;

    public static void Add(ref long counter, long by = 1) => Interlocked.Add(ref counter, by);

    public SmscCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref Connections), Interlocked.Read(ref ActiveSessions), Interlocked.Read(ref BindsAccepted),
        Interlocked.Read(ref BindsRejected), Interlocked.Read(ref SubmitsReceived), Interlocked.Read(ref SubmitsAccepted),
        Interlocked.Read(ref SubmitsThrottled), Interlocked.Read(ref SubmitsFailed), Interlocked.Read(ref ReceiptsSent),
        Interlocked.Read(ref MobileOriginatedSent), Interlocked.Read(ref DeliverSmRespReceived), Interlocked.Read(ref GenericNacksSent),
        Interlocked.Read(ref LinksDropped), Interlocked.Read(ref EnquireLinksAnswered), Interlocked.Read(ref DeliveriesHandedOn));
}
