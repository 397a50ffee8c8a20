using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// One ESME session to one SMSC: owns the TCP link (one materialized stream per connection), the bind,
/// the submit window, sequence numbers, wait-ack and link timers, throttling pauses and reconnects.
/// Every <see cref="Submit"/> ends in exactly one <see cref="SubmitResult"/>, whatever happens to the link.
/// </summary>
internal sealed class EsmeSessionActor : UntypedActor, IWithTimers
{
    public sealed record Submit(SubmitRequest Request, TaskCompletionSource<SubmitResult> Completion);

    public sealed record Stop(TaskCompletionSource Completion);

    public sealed record AwaitState(LinkState State, TaskCompletionSource Completion);

    public sealed class GetStatus
    {
        public static readonly GetStatus Instance = new();
        private GetStatus() { }
    }

    private sealed record Received(int Generation, DecodeResult Result);

    private sealed record Connected(int Generation);

    private sealed record ConnectFailed(int Generation, Exception Cause);

    private sealed record LinkClosed(int Generation, Exception? Cause);

    /// <summary>The consumer settled a deliver_sm received on link <paramref name="Generation"/>.</summary>
    private sealed record DeliverSettled(int Generation, DeliverSm Pdu, bool Handled);

    private sealed class Reconnect
    {
        public static readonly Reconnect Instance = new();
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class ResumeAfterThrottle
    {
        public static readonly ResumeAfterThrottle Instance = new();
    }

    private sealed class ShutdownDeadline
    {
        public static readonly ShutdownDeadline Instance = new();
    }

    private sealed record InFlight(Submit Submit, TimeSpan SentAt);

    private const int WriteBufferSize = 100_000;

    private readonly EsmeSettings _settings;
    private readonly ChannelWriter<InboundMessage> _inbound;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Random _random = new();
    private readonly Queue<Submit> _retry = new();
    private readonly Queue<Submit> _queue = new();
    private readonly Dictionary<uint, InFlight> _inFlight = new();
    private readonly List<AwaitState> _stateWaiters = new();
    private readonly EsmeCounters _counters = new();

    // Links run on a materializer the actor does not own: stopping the actor must not abort a link that is
    // still flushing its last frames (an unbind, an unbind_resp) before closing.
    private ActorMaterializer? _materializer;
    private LinkState _state = LinkState.Disconnected;
    private int _generation;
    private IActorRef? _writer;
    private SharedKillSwitch? _killSwitch;
    private uint _sequence;
    private uint _bindSequence;
    private TimeSpan _bindDeadline;
    private TimeSpan _lastReceived;
    private TimeSpan _lastEnquireSent;
    private int _reconnectAttempt;
    private TimeSpan _throttlePause = TimeSpan.Zero;
    private bool _throttled;
    private Stop? _stopRequest;
    private TimeSpan _unbindDeadline;

    private readonly Action<LinkState>? _onStateChanged;
    private readonly EsmeTransport _transport;

    public EsmeSessionActor(EsmeSettings settings, ChannelWriter<InboundMessage> inbound, Action<LinkState>? onStateChanged = null, EsmeTransport? transport = null)
    {
        _settings = settings;
        _inbound = inbound;
        _onStateChanged = onStateChanged;
        _transport = transport ?? EsmeTransports.Tcp;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EsmeSettings settings, ChannelWriter<InboundMessage> inbound, Action<LinkState>? onStateChanged = null, EsmeTransport? transport = null) =>
        Akka.Actor.Props.Create(() => new EsmeSessionActor(settings, inbound, onStateChanged, transport));

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart()
    {
        _materializer = Context.System.Materializer(namePrefix: "esme-link");
        var tick = TimeSpan.FromTicks(Math.Min(_settings.ResponseTimeout.Ticks, _settings.EnquireLinkInterval.Ticks) / 4);
        tick = TimeSpan.FromMilliseconds(Math.Clamp(tick.TotalMilliseconds, 10, 1000));
        Timers.StartPeriodicTimer("tick", Tick.Instance, tick);
        Connect();
    }

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    protected override void PostStop()
    {
        // Give a link that is closing gracefully time to finish, then release everything it used.
        var materializer = _materializer;
        Context.System.Scheduler.Advanced.ScheduleOnce(CloseGrace, () => materializer?.Shutdown());
        // Whatever is still held is answered, so no caller waits for ever.
        HandBackEverything(NotSentReason.ShuttingDown, "the session stopped");
        _killSwitch?.Shutdown();
        _inbound.TryComplete();
        SetState(LinkState.Stopped);
        foreach (var waiter in _stateWaiters)
            waiter.Completion.TrySetCanceled();
        _stopRequest?.Completion.TrySetResult();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Received r when r.Generation == _generation:
                OnReceived(r.Result);
                break;
            case Submit s:
                OnSubmit(s);
                break;
            case Tick:
                OnTick();
                break;
            case Connected c when c.Generation == _generation:
                OnConnected();
                break;
            case ConnectFailed f when f.Generation == _generation:
                _log.Warning("SMPP connect to {0}:{1} failed: {2}", _settings.Host, _settings.Port, f.Cause.Message);
                OnLinkLost("connect failed");
                break;
            case LinkClosed c when c.Generation == _generation:
                OnLinkLost(c.Cause is null ? "closed by peer" : $"failed: {c.Cause.Message}");
                break;
            case Reconnect:
                if (_stopRequest is null && _state == LinkState.Disconnected)
                    Connect();
                break;
            case ResumeAfterThrottle:
                _throttled = false;
                Pump();
                break;
            case ShutdownDeadline:
                if (_state == LinkState.Bound && _stopRequest is not null)
                    SendUnbind();
                break;
            case Stop stop:
                OnStop(stop);
                break;
            case GetStatus:
                Sender.Tell(new EsmeStatus(_state, _inFlight.Count, _retry.Count + _queue.Count, _counters.Snapshot()));
                break;
            case AwaitState wait:
                if (_state == wait.State)
                    wait.Completion.TrySetResult();
                else
                    _stateWaiters.Add(wait);
                break;
            case DeliverSettled settled when settled.Generation == _generation && _state is LinkState.Bound or LinkState.Unbinding:
                Answer(settled.Pdu, settled.Handled);
                break;
            case Received or Connected or ConnectFailed or LinkClosed or DeliverSettled:
                break; // from a link that is already gone (an unanswered deliver_sm is delivered again by the SMSC)
            default:
                Unhandled(message);
                break;
        }
    }

    // ---- submits ------------------------------------------------------------------------------

    private void OnSubmit(Submit submit)
    {
        if (_stopRequest is not null)
            Complete(submit, new SubmitNotSent(submit.Request, NotSentReason.ShuttingDown, "the session is stopping"));
        else if (_settings.BindType == BindType.Receiver)
            Complete(submit, new SubmitNotSent(submit.Request, NotSentReason.InvalidPdu, "a receiver bind cannot submit"));
        else if (_retry.Count + _queue.Count >= _settings.MaxQueuedSubmits)
            Complete(submit, new SubmitNotSent(submit.Request, NotSentReason.QueueFull, $"{_settings.MaxQueuedSubmits} submits already waiting"));
        else
        {
            _queue.Enqueue(submit);
            Pump();
        }
    }

    /// <summary>Fills the window from the queue while the link is bound and the SMSC is not throttling us.</summary>
    private void Pump()
    {
        if (_state != LinkState.Bound)
            return;
        if (_stopRequest is not null)
        {
            // Stopping: nothing new leaves; once the window has drained, unbind.
            if (_inFlight.Count == 0)
                SendUnbind();
            return;
        }
        if (_throttled)
            return;
        while (_inFlight.Count < _settings.WindowSize && (_retry.Count > 0 || _queue.Count > 0))
        {
            var submit = _retry.Count > 0 ? _retry.Dequeue() : _queue.Dequeue();
            var sequence = NextSequence();
            byte[] frame;
            try
            {
                frame = PduCodec.Encode(submit.Request.Pdu with { SequenceNumber = sequence });
            }
            catch (ArgumentException e)
            {
                Complete(submit, new SubmitNotSent(submit.Request, NotSentReason.InvalidPdu, e.Message));
                continue;
            }
            _inFlight[sequence] = new InFlight(submit, Now);
            _counters.Sent++;
            Write(frame);
        }
    }

    private void OnSubmitResponse(SubmitSmResp response)
    {
        if (!_inFlight.Remove(response.SequenceNumber, out var inFlight))
        {
            _log.Warning("submit_sm_resp for unknown sequence {0} ({1})", response.SequenceNumber, response.Status.ToSmppName());
            return;
        }
        var submit = inFlight.Submit;
        if (response.Status == CommandStatus.Ok)
        {
            _throttlePause = TimeSpan.Zero;
            Complete(submit, new SubmitAccepted(submit.Request, response.MessageId));
        }
        else if (response.Status.IsTransient())
            OnThrottled(submit, response.Status);
        else
            Complete(submit, new SubmitRejected(submit.Request, response.Status));
        Pump();
    }

    /// <summary>ESME_RTHROTTLED and its kin: the message goes back to the front and the whole session pauses, doubling each time.</summary>
    private void OnThrottled(Submit submit, CommandStatus status)
    {
        _counters.Throttled++;
        if (_stopRequest is not null)
        {
            Complete(submit, new SubmitNotSent(submit.Request, NotSentReason.ShuttingDown, $"{status.ToSmppName()} while stopping"));
            return;
        }
        _retry.Enqueue(submit);
        if (_throttled)
            return;
        _throttlePause = _throttlePause == TimeSpan.Zero
            ? _settings.ThrottlePause
            : TimeSpan.FromTicks(Math.Min(_throttlePause.Ticks * 2, _settings.ThrottleMaxPause.Ticks));
        _throttled = true;
        _log.Info("SMSC answered {0}; pausing submits for {1} ms", status.ToSmppName(), _throttlePause.TotalMilliseconds);
        Timers.StartSingleTimer("throttle", ResumeAfterThrottle.Instance, _throttlePause);
    }

    private void Complete(Submit submit, SubmitResult result)
    {
        switch (result)
        {
            case SubmitAccepted: _counters.Accepted++; break;
            case SubmitRejected: _counters.Rejected++; break;
            case SubmitNotSent: _counters.NotSent++; break;
        }
        submit.Completion.TrySetResult(result);
    }

    // ---- inbound PDUs -------------------------------------------------------------------------

    private void OnReceived(DecodeResult result)
    {
        _lastReceived = Now;
        if (!result.IsSuccess)
        {
            _log.Warning("Bad PDU from SMSC: {0}", result.Failure);
            Write(PduCodec.Encode(result.Failure.Answer));
            if (result.Failure.LinkUnusable)
                CloseLink(graceful: true, "unframeable input");
            return;
        }

        switch (result.Pdu)
        {
            case SubmitSmResp response:
                OnSubmitResponse(response);
                break;
            case DeliverSm deliver:
                OnDeliver(deliver);
                break;
            case EnquireLink enquire:
                Write(PduCodec.Encode(enquire.CreateResponse()));
                break;
            case EnquireLinkResp:
                break;
            case BindResponse bind when _state == LinkState.Binding && bind.SequenceNumber == _bindSequence:
                OnBindResponse(bind.Status, bind.SystemId);
                break;
            case GenericNack nack:
                OnGenericNack(nack);
                break;
            case Unbind unbind:
                _log.Info("SMSC unbinds the session");
                Write(PduCodec.Encode(unbind.CreateResponse()));
                CloseLink(graceful: true, "unbound by SMSC");
                break;
            case UnbindResp when _state == LinkState.Unbinding:
                CloseLink(graceful: true, "unbound");
                break;
            case RequestPdu request:
                // submit_sm or a bind from the SMSC makes no sense on this side of the link.
                Write(PduCodec.Encode(request.CreateResponse(CommandStatus.IncorrectBindStatus)));
                break;
            default:
                _log.Debug("Ignoring {0}", result.Pdu);
                break;
        }
    }

    private void OnGenericNack(GenericNack nack)
    {
        if (_state == LinkState.Binding && nack.SequenceNumber == _bindSequence)
            OnBindResponse(nack.Status, "");
        else if (_inFlight.Remove(nack.SequenceNumber, out var inFlight))
        {
            Complete(inFlight.Submit, new SubmitRejected(inFlight.Submit.Request, nack.Status));
            Pump();
        }
        else
            _log.Warning("generic_nack {0} for sequence {1}", nack.Status.ToSmppName(), nack.SequenceNumber);
    }

    /// <summary>
    /// Hands a deliver_sm to the consumer and only then answers it (or, with AcknowledgeWhenHandled, when the
    /// consumer settles it); when the consumer is behind, the SMSC is told to retry later (ESME_RX_T_APPN) so
    /// nothing is acknowledged that was not taken.
    /// </summary>
    private void OnDeliver(DeliverSm deliver)
    {
        var open = _state == LinkState.Bound && _stopRequest is null;
        if (_settings.AcknowledgeWhenHandled)
        {
            var self = Self;
            var generation = _generation;
            var message = InboundMessage.From(deliver, handled => self.Tell(new DeliverSettled(generation, deliver, handled)));
            if (!open || !_inbound.TryWrite(message))
                Answer(deliver, handled: false);
            return;
        }
        Answer(deliver, open && _inbound.TryWrite(InboundMessage.From(deliver)));
    }

    private void Answer(DeliverSm deliver, bool handled)
    {
        if (handled)
            _counters.DeliversReceived++;
        else
            _counters.DeliversDeferred++;
        Write(PduCodec.Encode(deliver.CreateResponse(handled ? CommandStatus.Ok : CommandStatus.ReceiverTemporaryAppError)));
    }

    // ---- link lifecycle -----------------------------------------------------------------------

    private void Connect()
    {
        var generation = ++_generation;
        SetState(LinkState.Connecting);
        var killSwitch = KillSwitches.Shared($"smpp-link-{generation}");

        var (writer, connection) = Source.ActorRef<ByteString>(WriteBufferSize, OverflowStrategy.Fail)
            .Via(SmppFlows.CoalesceWrites())
            .Via(killSwitch.Flow<ByteString>())
            .ViaMaterialized(_transport(Context.System, _settings), Keep.Both)
            .Via(killSwitch.Flow<ByteString>())
            .Via(SmppFlows.Decoder(_settings.MaxPduSize))
            .Select(object (result) => new Received(generation, result))
            .To(Sink.ActorRef<object>(Self, new LinkClosed(generation, null), e => new LinkClosed(generation, e)))
            .Run(_materializer!);

        _writer = writer;
        _killSwitch = killSwitch;
        connection.PipeTo(Self,
            success: () => new Connected(generation),
            failure: e => new ConnectFailed(generation, e));
    }

    private void OnConnected()
    {
        _bindSequence = NextSequence();
        BindRequest bind = _settings.BindType switch
        {
            BindType.Transmitter => new BindTransmitter(),
            BindType.Receiver => new BindReceiver(),
            _ => new BindTransceiver(),
        };
        bind = bind with
        {
            SequenceNumber = _bindSequence,
            SystemId = _settings.SystemId,
            Password = _settings.Password,
            SystemType = _settings.SystemType,
            AddrTon = _settings.AddrTon,
            AddrNpi = _settings.AddrNpi,
            AddressRange = _settings.AddressRange,
        };
        _bindDeadline = Now + _settings.BindTimeout;
        _lastReceived = Now;
        SetState(LinkState.Binding);
        Write(PduCodec.Encode(bind));
    }

    private void OnBindResponse(CommandStatus status, string smscSystemId)
    {
        if (status != CommandStatus.Ok)
        {
            _counters.BindFailures++;
            _log.Warning("Bind to {0}:{1} as {2} refused: {3}", _settings.Host, _settings.Port, _settings.SystemId, status.ToSmppName());
            CloseLink(graceful: false, $"bind refused: {status.ToSmppName()}");
            return;
        }
        _log.Info("Bound {0} to {1}:{2} ({3})", _settings.BindType, _settings.Host, _settings.Port, smscSystemId);
        _reconnectAttempt = 0;
        _lastEnquireSent = Now;
        SetState(LinkState.Bound);
        Pump();
    }

    private void OnTick()
    {
        var now = Now;
        switch (_state)
        {
            case LinkState.Binding when now > _bindDeadline:
                _log.Warning("No bind response within {0}", _settings.BindTimeout);
                CloseLink(graceful: false, "bind timed out");
                return;
            case LinkState.Unbinding when now > _unbindDeadline:
                CloseLink(graceful: false, "unbind timed out");
                return;
            case LinkState.Binding or LinkState.Bound or LinkState.Unbinding when now - _lastReceived > _settings.DeadLinkTimeout:
                _log.Warning("Nothing received for {0}; the link is dead", _settings.DeadLinkTimeout);
                CloseLink(graceful: false, "dead link");
                return;
        }
        if (_state != LinkState.Bound)
            return;
        if (now - _lastReceived >= _settings.EnquireLinkInterval && now - _lastEnquireSent >= _settings.EnquireLinkInterval)
        {
            _lastEnquireSent = now;
            Write(PduCodec.Encode(new EnquireLink { SequenceNumber = NextSequence() }));
        }
        CheckWaitAck(now);
    }

    private void CheckWaitAck(TimeSpan now)
    {
        List<uint>? expired = null;
        foreach (var (sequence, inFlight) in _inFlight)
            if (now - inFlight.SentAt > _settings.ResponseTimeout)
                (expired ??= new()).Add(sequence);
        if (expired is null)
            return;

        expired.Sort();
        _counters.ResponseTimeouts += expired.Count;
        _log.Warning("{0} submits unanswered after {1}; action {2}", expired.Count, _settings.ResponseTimeout, _settings.WaitAckAction);
        switch (_settings.WaitAckAction)
        {
            case WaitAckAction.Reconnect:
                CloseLink(graceful: false, "wait-ack timeout");
                break;
            case WaitAckAction.Requeue:
                foreach (var sequence in expired)
                {
                    _inFlight.Remove(sequence, out var inFlight);
                    _retry.Enqueue(inFlight!.Submit);
                }
                Pump();
                break;
            case WaitAckAction.HandBack:
                foreach (var sequence in expired)
                {
                    _inFlight.Remove(sequence, out var inFlight);
                    Complete(inFlight!.Submit, new SubmitNotSent(inFlight.Submit.Request, NotSentReason.ResponseTimeout, $"no submit_sm_resp within {_settings.ResponseTimeout}"));
                }
                Pump();
                break;
        }
    }

    /// <summary>
    /// Ends the current link. Graceful lets queued writes (an unbind_resp, a generic_nack) reach the peer first.
    /// The session then carries on as if the link had dropped.
    /// </summary>
    private void CloseLink(bool graceful, string reason)
    {
        if (graceful)
        {
            _writer?.Tell(new Status.Success(Akka.Done.Instance));
            // The peer should close its side once our last frames are out; if it does not, cut the old link.
            var killSwitch = _killSwitch;
            Context.System.Scheduler.Advanced.ScheduleOnce(CloseGrace, () => killSwitch?.Shutdown());
        }
        else
            _killSwitch?.Abort(new IOException(reason));
        OnLinkLost(reason);
    }

    private void OnLinkLost(string reason)
    {
        // Everything from the old link is ignored from here on.
        _generation++;
        if (_state is LinkState.Bound or LinkState.Binding or LinkState.Unbinding)
            _log.Info("SMPP link to {0}:{1} lost: {2}", _settings.Host, _settings.Port, reason);
        _writer = null;
        _killSwitch = null;

        foreach (var (_, inFlight) in _inFlight.OrderBy(kv => kv.Key))
        {
            if (_stopRequest is null && _settings.LinkLossPolicy == LinkLossPolicy.Requeue)
                _retry.Enqueue(inFlight.Submit);
            else
                Complete(inFlight.Submit, new SubmitNotSent(inFlight.Submit.Request,
                    _stopRequest is null ? NotSentReason.LinkLost : NotSentReason.ShuttingDown,
                    $"link {reason} before the SMSC answered; it may have the message"));
        }
        _inFlight.Clear();

        if (_stopRequest is not null)
        {
            Context.Stop(Self);
            return;
        }

        SetState(LinkState.Disconnected);
        _counters.Reconnects++;
        var delay = Backoff(_reconnectAttempt++);
        Timers.StartSingleTimer("reconnect", Reconnect.Instance, delay);
    }

    private TimeSpan Backoff(int attempt)
    {
        var min = _settings.ReconnectMinBackoff.TotalMilliseconds;
        var max = _settings.ReconnectMaxBackoff.TotalMilliseconds;
        var exponential = Math.Min(max, min * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(exponential * (1 + _random.NextDouble() * _settings.ReconnectJitter));
    }

    // ---- shutdown -----------------------------------------------------------------------------

    private void OnStop(Stop stop)
    {
        if (_stopRequest is not null)
        {
            // A second stop waits for the first.
            var first = _stopRequest.Completion;
            first.Task.ContinueWith(_ => stop.Completion.TrySetResult());
            return;
        }
        _stopRequest = stop;
        HandBackQueued(NotSentReason.ShuttingDown, "the session stopped before sending it");
        if (_state != LinkState.Bound)
        {
            CloseLink(graceful: false, "stopping");
            return;
        }
        Timers.StartSingleTimer("shutdown", ShutdownDeadline.Instance, _settings.ShutdownTimeout);
        Pump();
    }

    private void SendUnbind()
    {
        SetState(LinkState.Unbinding);
        _unbindDeadline = Now + _settings.BindTimeout;
        Write(PduCodec.Encode(new Unbind { SequenceNumber = NextSequence() }));
    }

    private void HandBackQueued(NotSentReason reason, string detail)
    {
        while (_retry.Count > 0)
        {
            var submit = _retry.Dequeue();
            Complete(submit, new SubmitNotSent(submit.Request, reason, detail));
        }
        while (_queue.Count > 0)
        {
            var submit = _queue.Dequeue();
            Complete(submit, new SubmitNotSent(submit.Request, reason, detail));
        }
    }

    private void HandBackEverything(NotSentReason reason, string detail)
    {
        HandBackQueued(reason, detail);
        foreach (var inFlight in _inFlight.Values)
            Complete(inFlight.Submit, new SubmitNotSent(inFlight.Submit.Request, reason, $"{detail}; the SMSC may have it"));
        _inFlight.Clear();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void Write(byte[] frame) => _writer?.Tell(ByteString.FromBytes(frame));

    private uint NextSequence()
    {
        // Sequence numbers run 0x00000001..0x7FFFFFFF and then wrap (SMPP 3.4 section 5.1.4).
        _sequence = _sequence >= 0x7FFFFFFF ? 1 : _sequence + 1;
        return _sequence;
    }

    private void SetState(LinkState state)
    {
        if (_state == state)
            return;
        _state = state;
        _onStateChanged?.Invoke(state);
        if (state == LinkState.Stopped)
            _inbound.TryComplete();
        for (var i = _stateWaiters.Count - 1; i >= 0; i--)
        {
            if (_stateWaiters[i].State != state)
                continue;
            _stateWaiters[i].Completion.TrySetResult();
            _stateWaiters.RemoveAt(i);
        }
    }
}
