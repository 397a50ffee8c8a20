using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// The engine's handle on one SMPP bind. Submitting never blocks and every submit ends in exactly one
/// <see cref="SubmitResult"/>; inbound deliver_sm (receipts and mobile-originated messages) arrive on
/// <see cref="Inbound"/>, which has one consumer.
/// </summary>
public sealed class EsmeClient : IAsyncDisposable
{
    private readonly IActorRef _session;
    private readonly Channel<InboundMessage> _inbound;
    private readonly Task _terminated;
    private volatile bool _stopRequested;

    private EsmeClient(IActorRef session, Channel<InboundMessage> inbound, EsmeSettings settings)
    {
        _session = session;
        _inbound = inbound;
        _terminated = session.WatchAsync();
        Settings = settings;
    }

    public EsmeSettings Settings { get; }

    /// <summary>
    /// Starts a session that connects and binds in the background, reconnecting until stopped.
    /// <paramref name="onStateChanged"/> is called from the session's actor on every link state change; keep it short.
    /// <paramref name="transport"/> opens each link; TCP to the settings' host and port unless given.
    /// </summary>
    public static EsmeClient Start(IActorRefFactory system, EsmeSettings settings, string? name = null, Action<LinkState>? onStateChanged = null,
        EsmeTransport? transport = null)
    {
        settings.Validate();
        var inbound = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(settings.InboundBufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails, and the SMSC is asked to retry
        });
        var props = EsmeSessionActor.Props(settings, inbound.Writer, onStateChanged, transport);
        var session = name is null ? system.ActorOf(props) : system.ActorOf(props, name);
        return new EsmeClient(session, inbound, settings);
    }

    /// <summary>Queues one submit; the task completes with its one result.</summary>
    public Task<SubmitResult> SubmitAsync(SubmitRequest request)
    {
        // A stopped session's mailbox is gone; answer here so the caller still gets its one result.
        if (_stopRequested || _terminated.IsCompleted)
            return Task.FromResult<SubmitResult>(new SubmitNotSent(request, NotSentReason.ShuttingDown, "the session is stopped"));
        var completion = new TaskCompletionSource<SubmitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _session.Tell(new EsmeSessionActor.Submit(request, completion));
        return completion.Task;
    }

    /// <summary>
    /// A flow with one result per submit, in completion order. It keeps at most two windows of submits
    /// outstanding (one in flight, one ready to refill it the moment a response comes back), so a full
    /// window back-pressures upstream instead of queueing without bound.
    /// </summary>
    public Flow<SubmitRequest, SubmitResult, NotUsed> SubmitFlow() =>
        Flow.Create<SubmitRequest>().SelectAsyncUnordered(Settings.WindowSize * 2, SubmitAsync);

    /// <summary>Inbound deliver_sm, each already answered to the SMSC. Materialize it once.</summary>
    public Source<InboundMessage, NotUsed> Inbound => ChannelSource.FromReader(_inbound.Reader);

    public Task<EsmeStatus> GetStatusAsync(TimeSpan? timeout = null) =>
        _session.Ask<EsmeStatus>(EsmeSessionActor.GetStatus.Instance, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>Completes when the session reaches <paramref name="state"/> (at once if it is there).</summary>
    public Task WhenState(LinkState state)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _session.Tell(new EsmeSessionActor.AwaitState(state, completion));
        return completion.Task;
    }

    public Task WhenBound() => WhenState(LinkState.Bound);

    /// <summary>
    /// Stops cleanly: queued submits are handed back unsent, in-flight ones get up to the shutdown timeout
    /// to be answered, then the session unbinds and closes the link.
    /// </summary>
    public Task StopAsync()
    {
        _stopRequested = true;
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _session.Tell(new EsmeSessionActor.Stop(completion));
        // A session that is already gone has nothing left to stop.
        return Task.WhenAny(completion.Task, _terminated);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
