using System.Collections.Concurrent;
using System.Net;
using Akka;
using Akka.Actor;
using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The listening socket. Each accepted connection gets its own actor, which starts one stream for it:
/// Source.ActorRef → CoalesceWrites → TCP → BatchDecoder → Sink.ActorRef, materialized as one graph with the TCP
/// stage, both directions behind one shared kill switch so the actor can abort the connection.
/// </summary>
internal sealed class SmscListener
{
    // Generous: a pipelining client's responses plus a burst of receipts must fit while the socket drains.
    private const int WriteBufferSize = 100_000;

    private readonly ActorSystem _system;
    private readonly IMaterializer _materializer;
    private readonly Func<Func<IActorRef, IActorRef>, SharedKillSwitch, Props> _connectionProps;
    private readonly SmscCounters _counters;
    private readonly QuickAck _quickAck = new();
    private static int _instances;

    private readonly ConcurrentDictionary<IActorRef, byte> _connections = new();
    private readonly int _instance = Interlocked.Increment(ref _instances);
    private Akka.Streams.Dsl.Tcp.ServerBinding? _binding;
    private long _accepted;

    private SmscListener(ActorSystem system, IMaterializer materializer, Func<Func<IActorRef, IActorRef>, SharedKillSwitch, Props> connectionProps, SmscCounters counters)
    {
        _system = system;
        _materializer = materializer;
        _connectionProps = connectionProps;
        _counters = counters;
    }

    public int Port { get; private set; }

    /// <summary>Every live connection, bound or not.</summary>
    public IReadOnlyList<IActorRef> Connections => _connections.Keys.ToList();

    public static async Task<SmscListener> BindAsync(
        ActorSystem system, IMaterializer materializer, string host, int port,
        Func<Func<IActorRef, IActorRef>, SharedKillSwitch, Props> connectionProps, SmscCounters counters, CancellationToken cancellationToken)
    {
        var listener = new SmscListener(system, materializer, connectionProps, counters);
        var binding = await system.TcpStream().Bind(host, port, backlog: 1024, options: [listener._quickAck])
            .To(Sink.ForEach<Akka.Streams.Dsl.Tcp.IncomingConnection>(listener.Accept))
            .Run(materializer)
            .WaitAsync(cancellationToken);
        listener._binding = binding;
        listener.Port = ((IPEndPoint)binding.LocalAddress).Port;
        return listener;
    }

    /// <summary>Stops accepting connections; the ones already open are left to their actors.</summary>
    public async Task UnbindAsync()
    {
        if (_binding is { } binding)
            await binding.Unbind();
    }

    private void Accept(Akka.Streams.Dsl.Tcp.IncomingConnection connection)
    {
        var number = Interlocked.Increment(ref _accepted);
        var name = $"smsc-{_instance}-link-{number}";
        var killSwitch = KillSwitches.Shared(name);
        // A connection can be handled once: an actor restarted after a failure gets the writer its first start opened.
        IActorRef? writer = null;
        var actor = _system.ActorOf(_connectionProps(self => writer ??= OpenLink(connection, self, killSwitch), killSwitch), name);
        _connections[actor] = 0;
        // Counted once listed, so a test that saw the count can rely on DropAllLinks reaching it.
        SmscCounters.Add(ref _counters.Connections);
        actor.WatchAsync().ContinueWith(_ => _connections.TryRemove(actor, out var _), TaskScheduler.Default);
    }

    /// <summary>Runs the connection's stream, reading into <paramref name="actor"/>; returns the actor that writes to it.</summary>
    private IActorRef OpenLink(Akka.Streams.Dsl.Tcp.IncomingConnection connection, IActorRef actor, SharedKillSwitch killSwitch)
    {
        var incoming = Flow.Create<ByteString>()
            .Via(killSwitch.Flow<ByteString>())
            .Via(_quickAck.AckEachRead(connection.RemoteAddress))
            .Via(SmppFlows.BatchDecoder())
            .Select(object (results) => new SmscConnectionActor.Received(results))
            .To(Sink.ActorRef<object>(actor, SmscConnectionActor.LinkClosed.Instance, _ => SmscConnectionActor.LinkClosed.Instance));
        var outgoing = Source.ActorRef<ByteString>(WriteBufferSize, OverflowStrategy.Fail)
            .Via(SmppFlows.CoalesceWrites())
            .Via(killSwitch.Flow<ByteString>());
        var handler = Flow.FromSinkAndSource(incoming, outgoing, Keep.Right)
            // Completing our side (unbind, drop) closes the whole connection; the actor hears when it is gone.
            .WatchTermination((writer, done) =>
            {
                done.ContinueWith(_ => actor.Tell(SmscConnectionActor.LinkClosed.Instance), TaskScheduler.Default);
                return writer;
            });
        return connection.HandleWith(handler, _materializer);
    }
}
