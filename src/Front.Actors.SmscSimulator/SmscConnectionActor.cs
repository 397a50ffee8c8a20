using Akka.Actor;
using Akka.Event;
using Akka.IO;
using Akka.Streams;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The SMSC's side of one TCP connection: bind, submits, enquire_link, unbind, and the deliver_sm it owes the ESME
/// (receipts and mobile-originated messages), sent when due and again when refused. Per submit the work is a
/// decode, a decision and an encode. Input arrives as one message per TCP read (every whole PDU it held), and
/// whatever one message makes the actor send leaves as one write: with a client that pipelines a window of submits,
/// answers and receipts go out together instead of as one actor message and one socket write per PDU. Receipts that
/// are due at once (no receipt delay) go out with the submit_sm_resp; later ones are flushed on one periodic tick.
/// </summary>
internal sealed class SmscConnectionActor : UntypedActor, IWithTimers
{
    /// <summary>Every whole PDU one read brought, in order.</summary>
    public sealed record Received(IReadOnlyList<DecodeResult> Results);

    // Link-lifecycle messages may reach an actor that has just stopped (both ends of the stream report the close,
    // StopAsync and DropAllLinks race with it); that is expected, not worth a dead-letter log line.
    public sealed class LinkClosed : IDeadLetterSuppression
    {
        public static readonly LinkClosed Instance = new();
    }

    /// <summary>deliver_sm for this session: mobile-originated parts, or receipts handed over from another link.</summary>
    public sealed record Deliver(IReadOnlyList<PendingDelivery> Deliveries);

    /// <summary>Ends the session politely: unbind, then close on unbind_resp (or after a deadline).</summary>
    public sealed class RequestUnbind : IDeadLetterSuppression
    {
        public static readonly RequestUnbind Instance = new();
    }

    /// <summary>Cuts the connection at once, as a network failure would.</summary>
    public sealed class Abort : IDeadLetterSuppression
    {
        public static readonly Abort Instance = new();
    }

    private sealed class Tick : IDeadLetterSuppression
    {
        public static readonly Tick Instance = new();
    }

    private sealed class CloseDeadline : IDeadLetterSuppression
    {
        public static readonly CloseDeadline Instance = new();
    }

    private sealed class Finish : IDeadLetterSuppression
    {
        public static readonly Finish Instance = new();
    }

    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(5);

    // How long a closing link may take to flush, or an ESME to answer our unbind, before the connection is cut.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly SmscSimulator _simulator;
    private readonly SmscCounters _counters;
    private readonly Func<IActorRef, IActorRef> _openLink;
    private readonly SharedKillSwitch _killSwitch;
    private readonly PduBatchWriter _output = new();
    // Receipts due at once, sent at the end of the current write after every answer in it (see Flush).
    private readonly List<DeliverSm> _dueNow = new();
    private IActorRef _writer = ActorRefs.Nobody;
    private bool _writerCompleted;
    private readonly DeliveryQueue _queue = new();
    private readonly Dictionary<uint, DeliverSm> _awaitingResponse = new();

    private BindType? _bindType;
    private string _systemId = "";
    private long _acceptedOnLink;
    private uint _sequence;
    private bool _unbinding;
    private bool _closing;
    private bool _retired;

    /// <param name="openLink">Starts the connection's stream, reading into the given actor; returns the actor that writes to it.</param>
    public SmscConnectionActor(SmscSimulator simulator, Func<IActorRef, IActorRef> openLink, SharedKillSwitch killSwitch)
    {
        _simulator = simulator;
        _counters = simulator.CountersInternal;
        _openLink = openLink;
        _killSwitch = killSwitch;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SmscSimulator simulator, Func<IActorRef, IActorRef> openLink, SharedKillSwitch killSwitch) =>
        Akka.Actor.Props.Create(() => new SmscConnectionActor(simulator, openLink, killSwitch));

    private bool CanReceive => _bindType is BindType.Receiver or BindType.Transceiver;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    // The stream is started here, so that its writer lives in the same graph as the TCP stage (no extra
    // asynchronous boundary on the way out) and nothing it reads can arrive before the actor exists.
    protected override void PreStart() => _writer = _openLink(Self);

    protected override void PostStop()
    {
        Retire();
        _killSwitch.Shutdown();
    }

    protected override void OnReceive(object message)
    {
        Handle(message);
        Flush();
    }

    private void Handle(object message)
    {
        switch (message)
        {
            case Received r:
                foreach (var result in r.Results)
                {
                    // A closing or dropped link reads nothing more.
                    if (_closing)
                        break;
                    OnReceived(result);
                }
                break;
            case Tick:
                SendDue();
                break;
            case Deliver d:
                OnDeliver(d.Deliveries);
                break;
            case RequestUnbind:
                OnRequestUnbind();
                break;
            case Abort:
                AbortLink();
                break;
            case LinkClosed:
                // Whatever was routed here before Retire is already in the mailbox ahead of Finish and gets handed back.
                Retire();
                _closing = true;
                Self.Tell(Finish.Instance);
                break;
            case CloseDeadline:
                _killSwitch.Abort(new IOException("the SMPP link did not close in time"));
                Retire();
                Context.Stop(Self);
                break;
            case Finish:
                Context.Stop(Self);
                break;
        }
    }

    private void OnReceived(DecodeResult result)
    {
        if (!result.IsSuccess)
        {
            var answer = result.Failure.Answer;
            if (answer is GenericNack)
                SmscCounters.Add(ref _counters.GenericNacksSent);
            Write(answer);
            if (result.Failure.LinkUnusable)
                Close();
            return;
        }

        switch (result.Pdu)
        {
            case BindRequest bind:
                OnBind(bind);
                break;
            case RequestPdu request when _bindType is null:
                Write(request.CreateResponse(CommandStatus.IncorrectBindStatus));
                break;
            case SubmitSm submit:
                OnSubmit(submit);
                break;
            case DeliverSmResp response:
                SmscCounters.Add(ref _counters.DeliverSmRespReceived);
                OnDeliverResponse(response.SequenceNumber, response.Status);
                break;
            case EnquireLink enquire:
                SmscCounters.Add(ref _counters.EnquireLinksAnswered);
                Write(enquire.CreateResponse());
                break;
            case Unbind unbind:
                Write(unbind.CreateResponse());
                Close();
                break;
            case UnbindResp when _unbinding:
                Close();
                break;
            case GenericNack nack:
                // A generic_nack for one of our deliver_sm refuses it like an error response would.
                OnDeliverResponse(nack.SequenceNumber, nack.Status == CommandStatus.Ok ? CommandStatus.UnknownError : nack.Status);
                break;
            case RequestPdu request:
                // deliver_sm and the like travel SMSC → ESME only.
                Write(request.CreateResponse(CommandStatus.IncorrectBindStatus));
                break;
        }
    }

    private void OnBind(BindRequest bind)
    {
        var response = (BindResponse)bind.CreateResponse();
        if (_bindType is not null || _unbinding)
        {
            Write(response with { Status = CommandStatus.AlreadyBound });
            return;
        }
        var status = _simulator.CheckCredentials(bind.SystemId, bind.Password);
        if (status != CommandStatus.Ok)
        {
            SmscCounters.Add(ref _counters.BindsRejected);
            Write(response with { Status = status });
            return;
        }
        _bindType = bind switch
        {
            BindTransmitter => BindType.Transmitter,
            BindReceiver => BindType.Receiver,
            _ => BindType.Transceiver,
        };
        _systemId = bind.SystemId;
        // Counters move before the answer leaves, so whoever reads the answer also sees them.
        SmscCounters.Add(ref _counters.BindsAccepted);
        SmscCounters.Add(ref _counters.ActiveSessions);
        Write(response with { SystemId = _simulator.Options.SystemId });
        Timers.StartPeriodicTimer("tick", Tick.Instance, TickInterval);
        OnDeliver(_simulator.Registry.Register(Self, _systemId, CanReceive, bind.AddressRange));
    }

    private void OnSubmit(SubmitSm submit)
    {
        SmscCounters.Add(ref _counters.SubmitsReceived);
        _simulator.Seconds.Received();
        if (_bindType == BindType.Receiver)
        {
            Write(submit.CreateResponse(CommandStatus.IncorrectBindStatus));
            return;
        }
        var options = _simulator.Options;
        if (!options.RespondToSubmits)
            return;

        var decision = _simulator.Policy.Decide(options);
        if (decision.Status != CommandStatus.Ok)
        {
            SmscCounters.Add(ref decision.Status == CommandStatus.Throttled ? ref _counters.SubmitsThrottled : ref _counters.SubmitsFailed);
            if (decision.Status == CommandStatus.Throttled)
                _simulator.Seconds.Throttled();
            Write(submit.CreateResponse(decision.Status));
            return;
        }

        var id = _simulator.NextMessageId();
        var messageId = options.MessageIds.Format(id);
        var at = DateTimeOffset.UtcNow;
        SmscCounters.Add(ref _counters.SubmitsAccepted);
        _simulator.Seconds.Accepted();
        if (options.RecordSubmits)
            _simulator.Record(new AcceptedSubmit(messageId, submit, _systemId, at));
        if (options.RecordSubmitTimes)
            _simulator.Times.Add(System.Diagnostics.Stopwatch.GetTimestamp());
        Write(new SubmitSmResp { SequenceNumber = submit.SequenceNumber, MessageId = messageId });

        // registered_delivery bits 1..0: 01 (and the reserved 11) on any final outcome, 10 on failure only.
        var wanted = submit.RegisteredDelivery & 0x03;
        if (wanted != 0 && (wanted != RegisteredDelivery.OnFailure || decision.Outcome != MessageState.Delivered))
            Owe(ReceiptBuilder.Build(submit, id, options, decision.Outcome, at, at + options.ReceiptDelay), Now + options.ReceiptDelay);

        if (options.DropLinkAfterSubmits is { } limit && ++_acceptedOnLink >= limit && _simulator.TryClaimLinkDrop(options))
        {
            SmscCounters.Add(ref _counters.LinksDropped);
            Close();
        }
    }

    private void OnDeliverResponse(uint sequence, CommandStatus status)
    {
        if (!_awaitingResponse.Remove(sequence, out var pdu) || status == CommandStatus.Ok)
            return;
        // The ESME could not take it now (ESME_RX_T_APPN and the like): an SMSC tries again later.
        _queue.AddRetry(pdu, Now + _simulator.Options.RedeliveryDelay);
    }

    private void OnDeliver(IReadOnlyList<PendingDelivery> deliveries)
    {
        if (deliveries.Count == 0)
            return;
        if (_retired || !CanReceive)
        {
            _simulator.Registry.Route(_systemId, deliveries);
            return;
        }
        SendDue();
        var now = Now;
        foreach (var delivery in deliveries)
        {
            if (delivery.Due <= now)
                Send(delivery.Pdu);
            else
                _queue.Add(delivery.Pdu, delivery.Due);
        }
    }

    private void OnRequestUnbind()
    {
        if (_bindType is null || _closing)
        {
            Close();
            return;
        }
        if (_unbinding)
            return;
        _unbinding = true;
        Write(new Unbind { SequenceNumber = NextSequence() });
        // No more deliver_sm on this link: what it owes goes elsewhere or is stored.
        Retire();
        Timers.StartSingleTimer("close", CloseDeadline.Instance, CloseTimeout);
    }

    /// <summary>A receipt this link owes: kept here until due, or handed on if this session is gone.</summary>
    private void Owe(DeliverSm pdu, TimeSpan due)
    {
        if (_retired)
            _simulator.Registry.Route(_systemId, [new PendingDelivery(pdu, due)]);
        else if (CanReceive && _queue.Count == 0 && due <= Now)
            _dueNow.Add(pdu); // due now and nothing ahead of it: it leaves in the same write as the submit_sm_resp
        else
            _queue.Add(pdu, due);
    }

    /// <summary>Sends every deliver_sm whose time has come; a transmitter's receipts go to a receiver of its system_id.</summary>
    private void SendDue()
    {
        if (_retired || _queue.Count == 0)
            return;
        var now = Now;
        while (_queue.TryTakeDue(now, out var due))
        {
            if (CanReceive)
                Send(due.Pdu);
            else
                _simulator.Registry.Route(_systemId, [due]);
        }
    }

    private void Send(DeliverSm pdu)
    {
        var sequence = NextSequence();
        _awaitingResponse[sequence] = pdu;
        SmscCounters.Add(ref pdu.IsReceipt ? ref _counters.ReceiptsSent : ref _counters.MobileOriginatedSent);
        Write(pdu with { SequenceNumber = sequence });
    }

    /// <summary>Leaves the registry once: no more deliveries are routed here, and what was owed goes elsewhere.</summary>
    private void Retire()
    {
        if (_retired)
            return;
        _retired = true;
        if (_bindType is null)
            return;
        SmscCounters.Add(ref _counters.ActiveSessions, -1);
        var owed = _queue.TakeAll();
        var now = Now;
        owed.AddRange(_dueNow.Select(pdu => new PendingDelivery(pdu, now)));
        _dueNow.Clear();
        // Unanswered deliver_sm are sent again to the next receiver, as a real SMSC does (duplicates are possible).
        owed.AddRange(_awaitingResponse.Values.Select(pdu => new PendingDelivery(pdu, now)));
        _awaitingResponse.Clear();
        SmscCounters.Add(ref _counters.DeliveriesHandedOn, owed.Count);
        _simulator.Registry.Unregister(Self, _systemId, owed);
    }

    /// <summary>Closes after what was written so far has been flushed; nothing more is read.</summary>
    private void Close()
    {
        if (_closing)
            return;
        _closing = true;
        Retire();
        // Completing the writer flushes what is queued, then closes the connection.
        Flush();
        _writerCompleted = true;
        _writer.Tell(new Status.Success(Akka.Done.Instance));
        Timers.StartSingleTimer("close", CloseDeadline.Instance, CloseTimeout);
    }

    private void AbortLink()
    {
        if (!_closing)
            SmscCounters.Add(ref _counters.LinksDropped);
        _closing = true;
        Retire();
        _killSwitch.Abort(new IOException("link dropped by the SMSC simulator"));
        Timers.StartSingleTimer("close", CloseDeadline.Instance, CloseTimeout);
    }

    /// <summary>Queues a PDU for the write that ends the current message (see <see cref="Flush"/>).</summary>
    private void Write(Pdu pdu) => _output.Add(pdu);

    private void Flush()
    {
        if (!_retired)
            foreach (var pdu in _dueNow)
                Send(pdu);
        _dueNow.Clear();
        if (_output.IsEmpty)
            return;
        var frames = _output.Take();
        if (!_writerCompleted)
            _writer.Tell(frames);
    }

    private uint NextSequence()
    {
        _sequence = _sequence >= 0x7FFFFFFF ? 1 : _sequence + 1;
        return _sequence;
    }
}
