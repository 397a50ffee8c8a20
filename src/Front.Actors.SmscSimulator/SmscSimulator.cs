using System.Collections.Concurrent;
using Akka;
using Akka.Actor;
using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;
using Front.Actors.Domain.Text;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// An SMPP 3.4 SMSC on Akka.Streams TCP that stands in for an operator: it accepts binds, answers submits
/// with message ids, sends receipts after a delay with a chosen outcome mix, throttles, fails or drops
/// links when told to, and injects mobile-originated messages.
/// </summary>
public sealed class SmscSimulator : IAsyncDisposable
{
    private const int WriteBufferSize = 100_000;

    private readonly ActorSystem _system;
    private readonly IMaterializer _materializer;
    private readonly ConcurrentDictionary<IActorRef, Session> _sessions = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DeliverSm>> _owed = new();
    private readonly ConcurrentQueue<AcceptedSubmit> _accepted = new();
    private readonly List<(int Count, TaskCompletionSource Completion)> _boundWaiters = new();
    private readonly Lock _waitersLock = new();
    private Akka.Streams.Dsl.Tcp.ServerBinding? _binding;
    private long _messageId;
    private int _moReference;
    private int _roundRobin;
    private volatile SmscSimulatorOptions _options;

    private sealed record Session(string SystemId, bool CanReceive);

    private SmscSimulator(ActorSystem system, SmscSimulatorOptions options)
    {
        _system = system;
        _options = options;
        _materializer = system.Materializer(namePrefix: "smsc-simulator");
        Policy = new SubmitPolicy(options.Seed);
        // Ids start from a time-based value so that restarts of a local run do not reuse them.
        _messageId = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 100_000 * 100_000;
    }

    public SmscSimulatorOptions Options => _options;

    public string Host => _options.Host;

    public int Port { get; private set; }

    public SmscCountersSnapshot Counters => CountersInternal.Snapshot();

    /// <summary>Accepted submits in the order accepted (kept only when <see cref="SmscSimulatorOptions.RecordSubmits"/>).</summary>
    public IReadOnlyList<AcceptedSubmit> AcceptedSubmits => _accepted.ToArray();

    internal SmscCounters CountersInternal { get; } = new();

    internal SubmitPolicy Policy { get; }

    public static async Task<SmscSimulator> StartAsync(ActorSystem system, SmscSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var simulator = new SmscSimulator(system, options);
        await simulator.BindAsync(cancellationToken);
        return simulator;
    }

    private async Task BindAsync(CancellationToken cancellationToken)
    {
        var connections = _system.TcpStream().Bind(_options.Host, _options.Port, backlog: 1024);
        _binding = await connections.To(Sink.ForEach<Akka.Streams.Dsl.Tcp.IncomingConnection>(Accept)).Run(_materializer).WaitAsync(cancellationToken);
        Port = ((System.Net.IPEndPoint)_binding.Value.LocalAddress).Port;
    }

    private void Accept(Akka.Streams.Dsl.Tcp.IncomingConnection connection)
    {
        SmscCounters.Add(ref CountersInternal.Connections);
        var killSwitch = KillSwitches.Shared($"smsc-link-{Guid.NewGuid():N}");
        var (writer, outgoing) = Source.ActorRef<ByteString>(WriteBufferSize, OverflowStrategy.Fail)
            .Via(SmppFlows.CoalesceWrites())
            .PreMaterialize(_materializer);
        var actor = _system.ActorOf(SmscConnectionActor.Props(this, writer, killSwitch));
        Sink<ByteString, NotUsed> incoming = Flow.Create<ByteString>()
            .Via(SmppFlows.Decoder())
            .Select(object (result) => new SmscConnectionActor.Received(result))
            .To(Sink.ActorRef<object>(actor, SmscConnectionActor.LinkClosed.Instance, _ => SmscConnectionActor.LinkClosed.Instance));
        Sink<ByteString, NotUsed> guardedIncoming = Flow.Create<ByteString>().Via(killSwitch.Flow<ByteString>()).To(incoming);
        Source<ByteString, NotUsed> guardedOutgoing = outgoing.Via(killSwitch.Flow<ByteString>());
        var handler = Flow.FromSinkAndSource(guardedIncoming, guardedOutgoing);
        // When our side completes (unbind, drop), the connection is closed for both directions.
        connection.HandleWith(handler.WatchTermination((_, done) =>
        {
            done.ContinueWith(_ => actor.Tell(SmscConnectionActor.LinkClosed.Instance));
            return NotUsed.Instance;
        }), _materializer);
    }

    /// <summary>Changes behaviour while running: throttling, failures, outcomes, link drops, silence.</summary>
    public void Configure(Func<SmscSimulatorOptions, SmscSimulatorOptions> change) => _options = change(_options);

    /// <summary>
    /// Sends a mobile-originated message to the next bound receiver or transceiver, split into concatenated
    /// parts when long. Returns the number of parts.
    /// </summary>
    public Task<int> InjectMobileOriginatedAsync(string from, string to, string text, DataCoding? coding = null)
    {
        var receivers = _sessions.Where(s => s.Value.CanReceive).Select(s => s.Key).ToList();
        if (receivers.Count == 0)
            throw new InvalidOperationException("No receiver or transceiver is bound to take the message");
        var target = receivers[(int)((uint)Interlocked.Increment(ref _roundRobin) % receivers.Count)];
        var parts = MobileOriginatedBuilder.Build(from, to, text, coding, (ushort)Interlocked.Increment(ref _moReference));
        target.Tell(new SmscConnectionActor.Deliver(parts));
        return Task.FromResult(parts.Count);
    }

    /// <summary>Cuts every connection at once, as a network failure would.</summary>
    public void DropAllLinks()
    {
        foreach (var session in _sessions.Keys)
            session.Tell(SmscConnectionActor.Drop.Instance);
    }

    /// <summary>Completes once at least <paramref name="count"/> sessions are bound.</summary>
    public Task WhenSessionsBound(int count)
    {
        lock (_waitersLock)
        {
            if (_sessions.Count >= count)
                return Task.CompletedTask;
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _boundWaiters.Add((count, completion));
            return completion.Task;
        }
    }

    /// <summary>Unbinds every bound session (waiting briefly for the answers), then stops listening.</summary>
    public async Task StopAsync()
    {
        var sessions = _sessions.Keys.ToList();
        var stopped = sessions.Select(s => s.WatchAsync()).ToList();
        foreach (var session in sessions)
            session.Tell(SmscConnectionActor.RequestUnbind.Instance);
        await Task.WhenAny(Task.WhenAll(stopped), Task.Delay(TimeSpan.FromSeconds(2)));
        foreach (var session in sessions)
            session.Tell(SmscConnectionActor.Drop.Instance);
        if (_binding is { } binding)
            await binding.Unbind();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    // ---- for the connection actors --------------------------------------------------------------

    internal CommandStatus CheckCredentials(string systemId, string password)
    {
        var credentials = _options.Credentials;
        if (credentials is null)
            return CommandStatus.Ok;
        if (!credentials.TryGetValue(systemId, out var expected))
            return CommandStatus.InvalidSystemId;
        return expected == password ? CommandStatus.Ok : CommandStatus.InvalidPassword;
    }

    internal ulong NextMessageId() => (ulong)Interlocked.Increment(ref _messageId);

    internal void Record(AcceptedSubmit submit)
    {
        if (_options.RecordSubmits)
            _accepted.Enqueue(submit);
    }

    /// <summary>Registers a bound session and hands it what was owed to its system_id.</summary>
    internal IReadOnlyList<DeliverSm> Register(IActorRef session, string systemId, bool canReceive)
    {
        _sessions[session] = new Session(systemId, canReceive);
        lock (_waitersLock)
        {
            for (var i = _boundWaiters.Count - 1; i >= 0; i--)
            {
                if (_sessions.Count < _boundWaiters[i].Count)
                    continue;
                _boundWaiters[i].Completion.TrySetResult();
                _boundWaiters.RemoveAt(i);
            }
        }
        var owed = new List<DeliverSm>();
        if (canReceive && _owed.TryGetValue(systemId, out var queue))
            while (queue.TryDequeue(out var pdu))
                owed.Add(pdu);
        return owed;
    }

    internal void Unregister(IActorRef session, string systemId, IReadOnlyList<DeliverSm> owed)
    {
        _sessions.TryRemove(session, out _);
        foreach (var pdu in owed)
            DeliverElsewhere(systemId, pdu);
    }

    /// <summary>A deliver_sm for a system_id whose link cannot take it: another receiver of that system_id gets it, or it waits for one.</summary>
    internal void DeliverElsewhere(string systemId, DeliverSm pdu)
    {
        var receiver = _sessions.FirstOrDefault(s => s.Value.CanReceive && s.Value.SystemId == systemId).Key;
        if (receiver is not null)
            receiver.Tell(new SmscConnectionActor.Deliver([pdu]));
        else
            _owed.GetOrAdd(systemId, _ => new ConcurrentQueue<DeliverSm>()).Enqueue(pdu);
    }
}
