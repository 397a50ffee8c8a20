namespace Front.Actors.SmscSimulator;

/// <summary>
/// The simulator's totals at one moment. <see cref="DeliveriesHandedOn"/>: deliver_sm (receipts and mobile-originated)
/// that a link still owed, queued or sent but not answered, when it ended; they are delivered again to the next receiver.
/// </summary>
public sealed record SmscCountersSnapshot(
    long Connections,
    long ActiveSessions,
    long BindsAccepted,
    long BindsRejected,
    long SubmitsReceived,
    long SubmitsAccepted,
    long SubmitsThrottled,
    long SubmitsFailed,
    long ReceiptsSent,
    long MobileOriginatedSent,
    long DeliverSmRespReceived,
    long GenericNacksSent,
    long LinksDropped,
    long EnquireLinksAnswered,
    long DeliveriesHandedOn)
{
    /// <summary>One line, for the command line's periodic report.</summary>
    public override string ToString() =>
        $"connections {Connections}, bound {ActiveSessions}, binds {BindsAccepted} ok / {BindsRejected} refused, " +
        $"submits {SubmitsReceived} in / {SubmitsAccepted} accepted / {SubmitsThrottled} throttled / {SubmitsFailed} failed, " +
        $"receipts {ReceiptsSent}, MO {MobileOriginatedSent}, deliver_sm_resp {DeliverSmRespReceived}, " +
        $"generic_nack {GenericNacksSent}, links dropped {LinksDropped}, enquire_link {EnquireLinksAnswered}, handed on {DeliveriesHandedOn}";
}
