using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Carries stored messages to the operators, one floor at a time:
/// account lane (the account's rate) → sender lane (a number's own rate) → <see cref="MessageRouter"/>
/// (route, price, split) → one <see cref="BindSubmitStream"/> per bind (throttle, window, answers stored).
/// Receipts come back through <see cref="ReceiptIntake"/>; every status goes through the <see cref="StatusWriter"/>.
/// Lanes are in memory, per node; what waits in them is stored and resumed after a restart (<see cref="Resumption"/>).
/// </summary>
public sealed class OutboundPipeline : IAsyncDisposable
{
    private readonly IMaterializer _materializer;
    private readonly OperatorBinds _binds;
    private readonly MessageRouter _router;
    private readonly StatusWriter _writer;
    private readonly ILoggingAdapter _log;
    private readonly Channel<OutboundMessage> _routing = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(50_000));
    private readonly PacedLanes _accountLanes;
    private readonly PacedLanes _senderLanes;
    private readonly SuspensionGate _gate;

    public OutboundPipeline(ActorSystem system, OperatorBinds binds, MessageRouter router, StatusWriter writer, SuspensionGate gate)
    {
        _gate = gate;
        _materializer = system.Materializer(namePrefix: "outbound");
        _binds = binds;
        _router = router;
        _writer = writer;
        _log = Logging.GetLogger(system, typeof(OutboundPipeline));
        _senderLanes = new PacedLanes("sender", m => m.Sender.Value, defaultRate: null, m => _routing.Writer.WriteAsync(m), OnWaitingAsync);
        _accountLanes = new PacedLanes("account", m => m.AccountId, AccountLimits.Default.MessagesPerSecond, m => _senderLanes.EnqueueAsync(m, CancellationToken.None), OnWaitingAsync);
    }

    /// <summary>Starts the router and one submit stream per bind (the binds are started by <see cref="OperatorBinds"/>).</summary>
    public void Start()
    {
        foreach (var bind in _binds.All)
            BindSubmitStream.Run(bind, _writer, RouteAgain, part => _gate.IsSuspended(part.Message.AccountId),
                [
                    new LaneExit(part => _accountLanes.ExitWait(part.Message.AccountId), part => _accountLanes.Answered(part.Message.AccountId)),
                    new LaneExit(part => _senderLanes.ExitWait(part.Message.Sender.Value), part => _senderLanes.Answered(part.Message.Sender.Value)),
                ], _materializer);
        ChannelSource.FromReader(_routing.Reader)
            .SelectAsync(1, async m =>
            {
                // A suspended account's messages wait, stored and queued, until it is resumed.
                if (_gate.TryPark(m))
                    await _writer.PostAsync(new StatusChange(m.Id, m.AccountId, MessageStatus.Queued, DateTimeOffset.UtcNow, "the account is suspended: waiting until it is resumed"));
                else
                    await _router.RouteAsync(m);
                return Done.Instance;
            })
            .RunWith(Sink.Ignore<Done>(), _materializer);
    }

    /// <summary>Hands an accepted (and stored) message to the pipeline, through its account's and sender's paced lanes.</summary>
    public ValueTask EnqueueAsync(OutboundMessage message, CancellationToken ct = default) => _accountLanes.EnqueueAsync(message, ct);

    /// <summary>Hands many messages over at once (one request's recipients), in their order.</summary>
    public ValueTask EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct = default) => _accountLanes.EnqueueAsync(messages, ct);

    /// <summary>Sets an account's sending rate (messages per second); applies to what is still waiting too.</summary>
    public void SetAccountRate(string accountId, int messagesPerSecond) => _accountLanes.SetRate(accountId, messagesPerSecond);

    /// <summary>Sets a sender's own rate (a short or virtual number's throughput); null lifts it.</summary>
    public void SetSenderRate(string sender, int? messagesPerSecond) => _senderLanes.SetRate(sender, messagesPerSecond);

    /// <summary>Messages of the account still waiting for its rate.</summary>
    public int WaitingFor(string accountId) => _accountLanes.Waiting(accountId);

    /// <summary>
    /// Stored messages held in this node's memory on their way to a bind (lanes and the router's queue); the
    /// intake refuses new sends above <see cref="MaxInFlight"/>, which bounds the memory a backlog can take.
    /// </summary>
    public int InFlight => _accountLanes.Waiting() + _senderLanes.Waiting() + _routing.Reader.Count + _gate.Parked;

    /// <summary>From now on nothing of the account leaves this node: what comes to the router or a bind is parked.</summary>
    public void Suspend(string accountId) => _gate.Suspend(accountId);

    /// <summary>The account's parked messages go on, through its lane (so at its rate).</summary>
    public ValueTask ResumeAsync(string accountId, CancellationToken ct = default) => _accountLanes.EnqueueAsync(_gate.Resume(accountId), ct);

    /// <summary>Takes the suspensions as stored (made on any node); messages of accounts resumed elsewhere go on.</summary>
    public async Task SyncSuspensionsAsync(Storage.SuspensionStore store, CancellationToken ct = default)
    {
        var readAt = _gate.Version;
        var released = _gate.Sync(await store.SuspendedAsync(ct), readAt);
        if (released.Count > 0)
            await _accountLanes.EnqueueAsync(released, ct);
    }

    public const int MaxInFlight = 100_000;

    private ValueTask OnWaitingAsync(OutboundMessage message, string detail) =>
        _writer.PostAsync(new StatusChange(message.Id, message.AccountId, MessageStatus.Queued, DateTimeOffset.UtcNow, detail));

    /// <summary>
    /// A message a bind gave back goes to the router again without waiting: the bind's own stream calls this,
    /// and waiting here for the router (which may wait for that bind's queue) could close a circle.
    /// </summary>
    private void RouteAgain(OutboundMessage message)
    {
        _log.Warning("Re-routing {0} away from {1}", message.Id, string.Join(", ", message.ExcludedBinds));
        _ = _routing.Writer.WriteAsync(message).AsTask();
    }

    public ValueTask DisposeAsync()
    {
        _accountLanes.Complete();
        _senderLanes.Complete();
        _routing.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
