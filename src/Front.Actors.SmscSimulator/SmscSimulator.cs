using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// An SMPP 3.4 SMSC on Akka.Streams TCP that stands in for an operator: it accepts binds, answers submits with
/// message ids, sends receipts after a delay with a chosen outcome mix, throttles, fails or drops links when told
/// to, and injects mobile-originated messages.
/// </summary>
public sealed class SmscSimulator : IAsyncDisposable
{
    // How long StopAsync waits for sessions to answer unbind and close before cutting them.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly ActorSystem _system;
    private readonly ConcurrentQueue<AcceptedSubmit> _accepted = new();
    private readonly Lock _lock = new();
    private SmscListener _listener = null!;
    private SmscSimulatorOptions _options;
    private SmscSimulatorOptions? _linkDroppedFor;
    private Task? _stopping;
    private long _messageId;
    private int _moReference;

    private SmscSimulator(ActorSystem system, SmscSimulatorOptions options)
    {
        _system = system;
        _options = options;
        Policy = new SubmitPolicy(options.Seed);
        // Ids start from a time-based value so that restarts of a local run do not hand out the same ids again.
        _messageId = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 100_000 * 100_000;
    }

    /// <summary>The options in force, including changes made with <see cref="Configure"/>.</summary>
    public SmscSimulatorOptions Options => Volatile.Read(ref _options);

    public string Host { get; private set; } = "";

    /// <summary>The port listened on (the one picked when the options said 0).</summary>
    public int Port => _listener.Port;

    public SmscCountersSnapshot Counters => CountersInternal.Snapshot();

    /// <summary>Accepted submits in the order accepted (kept only when <see cref="SmscSimulatorOptions.RecordSubmits"/>).</summary>
    public IReadOnlyList<AcceptedSubmit> AcceptedSubmits => _accepted.ToArray();

    /// <summary>Submits per whole second of the simulator's clock, oldest first (only seconds that saw a submit).</summary>
    public IReadOnlyList<SubmitSecond> SubmitsPerSecond => Seconds.Snapshot();

    /// <summary>The second of the simulator's clock it is now, on the scale of <see cref="SubmitsPerSecond"/>.</summary>
    public long CurrentSecond => Seconds.CurrentSecond;

    internal SmscCounters CountersInternal { get; } = new();

    internal SubmitSeconds Seconds { get; } = new();

    /// <summary>When each submit was accepted, in order, as <see cref="System.Diagnostics.Stopwatch"/> timestamps (kept only when <see cref="SmscSimulatorOptions.RecordSubmitTimes"/>).</summary>
    public long[] SubmitTimestamps => Times.Snapshot();

    internal SubmitTimes Times { get; } = new();

    internal SubmitPolicy Policy { get; }

    internal SessionRegistry Registry { get; } = new();

    public static async Task<SmscSimulator> StartAsync(ActorSystem system, SmscSimulatorOptions options, CancellationToken ct = default)
    {
        var simulator = new SmscSimulator(system, options);
        var materializer = system.Materializer(namePrefix: "smsc-simulator");
        simulator._listener = await SmscListener.BindAsync(system, materializer, options.Host, options.Port,
            (openLink, killSwitch) => SmscConnectionActor.Props(simulator, openLink, killSwitch), simulator.CountersInternal, ct);
        simulator.Host = options.Host;
        return simulator;
    }

    /// <summary>Changes behaviour while running: throttling, failures, outcomes, delays, link drops, silence.</summary>
    public void Configure(Func<SmscSimulatorOptions, SmscSimulatorOptions> change)
    {
        lock (_lock)
            Volatile.Write(ref _options, change(_options));
    }

    /// <summary>
    /// Sends a mobile-originated message to the next bound receiver or transceiver (preferring binds whose
    /// address_range covers <paramref name="to"/>), split into concatenated parts with a UDH when long.
    /// Returns the number of parts.
    /// </summary>
    /// <exception cref="InvalidOperationException">No receiver or transceiver is bound.</exception>
    public Task<int> InjectMobileOriginatedAsync(string from, string to, string text, DataCoding? coding = null)
    {
        var parts = MobileOriginatedBuilder.Build(from, to, text, coding, (ushort)Interlocked.Increment(ref _moReference));
        if (!Registry.TrySendMobileOriginated(parts[0].DestinationAddr, parts, Now))
            throw new InvalidOperationException("No receiver or transceiver is bound to take the mobile-originated message");
        return Task.FromResult(parts.Count);
    }

    /// <summary>
    /// Sends only the chosen parts (1-based) of a long mobile-originated message with the given concatenation
    /// reference, as an operator does when it delivers a part again or a handset's part is lost. Returns how many
    /// parts the whole message has.
    /// </summary>
    public Task<int> InjectMobileOriginatedPartsAsync(string from, string to, string text, ushort reference, params int[] parts)
    {
        var all = MobileOriginatedBuilder.Build(from, to, text, null, reference);
        var chosen = parts.Select(p => all[p - 1]).ToList();
        if (!Registry.TrySendMobileOriginated(chosen[0].DestinationAddr, chosen, Now))
            throw new InvalidOperationException("No receiver or transceiver is bound to take the mobile-originated message");
        return Task.FromResult(all.Count);
    }

    /// <summary>Cuts every connection, bound or not, at once, as a network failure would.</summary>
    public void DropAllLinks()
    {
        foreach (var connection in _listener.Connections)
            connection.Tell(SmscConnectionActor.Abort.Instance);
    }

    /// <summary>Completes once at least <paramref name="count"/> sessions are bound.</summary>
    public Task WhenSessionsBound(int count) => Registry.WhenBound(count);

    /// <summary>Unbinds every session (waiting briefly for the answers), then stops listening. Safe to call twice.</summary>
    public Task StopAsync()
    {
        lock (_lock)
            return _stopping ??= StopCoreAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        var connections = _listener.Connections;
        var stopped = Task.WhenAll(connections.Select(c => c.WatchAsync()));
        foreach (var connection in connections)
            connection.Tell(SmscConnectionActor.RequestUnbind.Instance);
        // Each connection cuts itself if the ESME does not answer in time; this is only a backstop.
        await Task.WhenAny(stopped, Task.Delay(StopTimeout));
        await _listener.UnbindAsync();
        // Whatever is still open, or connected while we were unbinding, is cut.
        var left = _listener.Connections;
        foreach (var connection in left)
            connection.Tell(SmscConnectionActor.Abort.Instance);
        await Task.WhenAny(Task.WhenAll(left.Select(c => c.WatchAsync())), Task.Delay(StopTimeout));
    }

    // ---- for the connection actors --------------------------------------------------------------

    internal TimeSpan Now => _system.Scheduler.MonotonicClock;

    internal CommandStatus CheckCredentials(string systemId, string password)
    {
        var credentials = Options.Credentials;
        if (credentials is null)
            return CommandStatus.Ok;
        if (!credentials.TryGetValue(systemId, out var expected))
            return CommandStatus.InvalidSystemId;
        return expected == password ? CommandStatus.Ok : CommandStatus.InvalidPassword;
    }

    internal ulong NextMessageId() => (ulong)Interlocked.Increment(ref _messageId);

    internal void Record(AcceptedSubmit submit) => _accepted.Enqueue(submit);

    /// <summary>True for the first link to reach DropLinkAfterSubmits under these options: the drop happens once per options value.</summary>
    internal bool TryClaimLinkDrop(SmscSimulatorOptions options)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_linkDroppedFor, options))
                return false;
            _linkDroppedFor = options;
            return true;
        }
    }
}
