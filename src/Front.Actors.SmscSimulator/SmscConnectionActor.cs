using Akka.Actor;
using Akka.IO;
using Akka.Streams;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The SMSC's side of one TCP connection: bind, submits, enquire_link, unbind, and the deliver_sm it owes
/// the ESME (receipts and mobile-originated messages), sent when due and sent again if not acknowledged.
/// Per-message work is a decode, a decision and an encode; no timer per message.
/// </summary>
internal sealed class SmscConnectionActor : UntypedActor, IWithTimers
{
    public sealed record Received(DecodeResult Result);

    public sealed class LinkClosed
    {
        public static readonly LinkClosed Instance = new();
    }

    /// <summary>deliver_sm to send now (mobile-originated parts, or receipts held for this system_id).</summary>
    public sealed record Deliver(IReadOnlyList<DeliverSm> Pdus);

    /// <summary>Ends the session the polite way: unbind, then close on unbind_resp.</summary>
    public sealed class RequestUnbind
    {
        public static readonly RequestUnbind Instance = new();
    }

    public sealed class Drop
    {
        public static readonly Drop Instance = new();
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(5);

    private readonly SmscSimulator _simulator;
    private readonly IActorRef _writer;
    private readonly SharedKillSwitch _killSwitch;
    private readonly PriorityQueue<DeliverSm, TimeSpan> _scheduled = new();
    private readonly Dictionary<uint, DeliverSm> _awaitingResponse = new();

    private BindType? _bindType;
    private string _systemId = "";
    private long _acceptedOnLink;
    private bool _closing;
    private uint _sequence;

    public SmscConnectionActor(SmscSimulator simulator, IActorRef writer, SharedKillSwitch killSwitch)
    {
        _simulator = simulator;
        _writer = writer;
        _killSwitch = killSwitch;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SmscSimulator simulator, IActorRef writer, SharedKillSwitch killSwitch) =>
        Akka.Actor.Props.Create(() => new SmscConnectionActor(simulator, writer, killSwitch));

    private bool CanReceive => _bindType is BindType.Receiver or BindType.Transceiver;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, TickInterval);

    protected override void PostStop()
    {
        if (_bindType is not null)
        {
            SmscCounters.Add(ref _simulator.CountersInternal.ActiveSessions, -1);
            // What was owed to this ESME is kept for its next bind, as a real SMSC stores and retries.
            var owed = _awaitingResponse.Values.Concat(_scheduled.UnorderedItems.Select(i => i.Element)).ToList();
            _simulator.Unregister(Self, _systemId, owed);
        }
        _killSwitch.Shutdown();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Received r when !_closing:
                OnReceived(r.Result);
                break;
            case Received:
                break; // a dropped or closing link reads nothing more
            case Tick:
                SendDue();
                break;
            case Deliver d:
                foreach (var pdu in d.Pdus)
                    _scheduled.Enqueue(pdu, Now);
                SendDue();
                break;
            case RequestUnbind when _bindType is not null && !_closing:
                Write(new Unbind { SequenceNumber = NextSequence() });
                break;
            case RequestUnbind:
                Context.Stop(Self);
                break;
            case Drop:
                DropLink();
                break;
            case LinkClosed:
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
                SmscCounters.Add(ref _simulator.CountersInternal.GenericNacksSent);
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
            case EnquireLink enquire:
                SmscCounters.Add(ref _simulator.CountersInternal.EnquireLinksAnswered);
                Write(enquire.CreateResponse());
                break;
            case RequestPdu request when _bindType is null:
                Write(request.CreateResponse(CommandStatus.IncorrectBindStatus));
                break;
            case SubmitSm submit:
                OnSubmit(submit);
                break;
            case DeliverSmResp response:
                OnDeliverResponse(response);
                break;
            case Unbind unbind:
                Write(unbind.CreateResponse());
                Close();
                break;
            case UnbindResp:
                Close();
                break;
            case RequestPdu request:
                Write(request.CreateResponse(CommandStatus.IncorrectBindStatus));
                break;
        }
    }

    private void OnBind(BindRequest bind)
    {
        var response = bind.CreateResponse();
        if (_bindType is not null)
        {
            Write(response with { Status = CommandStatus.AlreadyBound });
            return;
        }
        var status = _simulator.CheckCredentials(bind.SystemId, bind.Password);
        if (status != CommandStatus.Ok)
        {
            SmscCounters.Add(ref _simulator.CountersInternal.BindsRejected);
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
        Write(((BindResponse)response) with { SystemId = _simulator.Options.SystemId });
        SmscCounters.Add(ref _simulator.CountersInternal.BindsAccepted);
        SmscCounters.Add(ref _simulator.CountersInternal.ActiveSessions);
        var owed = _simulator.Register(Self, _systemId, CanReceive);
        foreach (var pdu in owed)
            _scheduled.Enqueue(pdu, Now);
    }

    private void OnSubmit(SubmitSm submit)
    {
        SmscCounters.Add(ref _simulator.CountersInternal.SubmitsReceived);
        var options = _simulator.Options;
        if (_bindType == BindType.Receiver)
        {
            Write(submit.CreateResponse(CommandStatus.IncorrectBindStatus));
            return;
        }
        if (!options.RespondToSubmits)
            return;

        var decision = _simulator.Policy.Decide(options);
        if (decision.Status != CommandStatus.Ok)
        {
            SmscCounters.Add(ref decision.Status == CommandStatus.Throttled
                ? ref _simulator.CountersInternal.SubmitsThrottled
                : ref _simulator.CountersInternal.SubmitsFailed);
            Write(submit.CreateResponse(decision.Status));
            return;
        }

        var id = _simulator.NextMessageId();
        var messageId = ReceiptBuilder.Format(id, options.MessageIds);
        Write(new SubmitSmResp { SequenceNumber = submit.SequenceNumber, MessageId = messageId });
        SmscCounters.Add(ref _simulator.CountersInternal.SubmitsAccepted);
        var now = DateTimeOffset.UtcNow;
        _simulator.Record(new AcceptedSubmit(messageId, submit, _systemId, now));

        var wantsReceipt = (submit.RegisteredDelivery & 0x03) switch
        {
            RegisteredDelivery.OnFinalOutcome => true,
            RegisteredDelivery.OnFailure => decision.Outcome != Smpp.Receipts.MessageState.Delivered,
            _ => false,
        };
        if (wantsReceipt)
            _scheduled.Enqueue(ReceiptBuilder.Build(submit, id, options, decision.Outcome, now, now + options.ReceiptDelay), Now + options.ReceiptDelay);

        if (options.DropLinkAfterSubmits is { } limit && ++_acceptedOnLink >= limit)
            DropLink();
    }

    private void OnDeliverResponse(DeliverSmResp response)
    {
        if (!_awaitingResponse.Remove(response.SequenceNumber, out var pdu))
            return;
        SmscCounters.Add(ref _simulator.CountersInternal.DeliverSmRespReceived);
        if (response.Status != CommandStatus.Ok)
            _scheduled.Enqueue(pdu, Now + _simulator.Options.RedeliveryDelay);
    }

    /// <summary>Sends every deliver_sm whose time has come, or hands them on when this link cannot receive.</summary>
    private void SendDue()
    {
        if (_closing || _bindType is null)
            return;
        var now = Now;
        while (_scheduled.TryPeek(out var pdu, out var due) && due <= now)
        {
            _scheduled.Dequeue();
            if (!CanReceive)
            {
                _simulator.DeliverElsewhere(_systemId, pdu);
                continue;
            }
            var sent = pdu with { SequenceNumber = NextSequence() };
            _awaitingResponse[sent.SequenceNumber] = pdu;
            SmscCounters.Add(ref pdu.IsReceipt ? ref _simulator.CountersInternal.ReceiptsSent : ref _simulator.CountersInternal.MobileOriginatedSent);
            Write(sent);
        }
    }

    /// <summary>Cuts the link after what was written so far: nothing more is read or answered.</summary>
    private void DropLink()
    {
        if (_closing)
            return;
        SmscCounters.Add(ref _simulator.CountersInternal.LinksDropped);
        Close();
    }

    private void Close()
    {
        _closing = true;
        // Completing the writer flushes what is queued, then closes the connection.
        _writer.Tell(new Status.Success(Akka.Done.Instance));
    }

    private void Write(Pdu pdu) => _writer.Tell(ByteString.FromBytes(PduCodec.Encode(pdu)));

    private uint NextSequence()
    {
        _sequence = _sequence >= 0x7FFFFFFF ? 1 : _sequence + 1;
        return _sequence;
    }
}
