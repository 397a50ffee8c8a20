using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.SmscSimulator;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Domain.Text;

namespace Front.Actors.Benchmarks;

/// <summary>
/// The ESME session against the SMSC simulator over loopback, with receipts on: submits per second,
/// submit-to-response latency percentiles, receipts per second and memory, for each window size.
/// </summary>
public static class SessionBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var messages = args.IntOption("--messages", 100_000);
        var windows = args.IntsOption("--windows", "1,10,100");
        // An external SMSC (for example node-smpp's server in tests/interop-node) instead of the simulator in this process.
        var smscHost = args.Option("--smsc-host");
        var smscPort = args.IntOption("--smsc-port", 2775);
        // Answer each receipt only this long after it came (as the engine does once it is stored); 0 answers at once.
        var settleDelay = TimeSpan.FromMilliseconds(args.IntOption("--settle-delay-ms", 0));

        Console.WriteLine($"ESME session ↔ SMSC simulator over 127.0.0.1, receipts on, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"{"window",6} {"messages",9} {"submits/s",10} {"p50 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8} {"receipts/s",11} {"alloc MB",9} {"working set MB",15}");

        foreach (var window in windows)
        {
            // Window 1 is bound by round trips; fewer messages keep the run short without changing the rate.
            var count = window == 1 ? Math.Min(messages, 20_000) : messages;
            var result = await RunOnceAsync(window, count, smscHost, smscPort, settleDelay);
            Console.WriteLine($"{window,6} {count,9} {result.SubmitsPerSecond,10:N0} {result.P50,8:N2} {result.P99,8:N2} {result.P999,9:N2} {result.Max,8:N2} {result.ReceiptsPerSecond,11:N0} {result.AllocatedMb,9:N0} {result.WorkingSetMb,15:N0}");
        }
    }

    private sealed record Result(double SubmitsPerSecond, double P50, double P99, double P999, double Max, double ReceiptsPerSecond, double AllocatedMb, double WorkingSetMb);

    private static async Task<Result> RunOnceAsync(int window, int count, string? smscHost, int smscPort, TimeSpan settleDelay)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
        using var system = ActorSystem.Create("bench", config);
        var materializer = system.Materializer();
        var smsc = smscHost is null
            ? await SmscSimulator.SmscSimulator.StartAsync(system, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(10), RecordSubmits = false })
            : null;
        var client = EsmeClient.Start(system, new EsmeSettings
        {
            Host = smscHost ?? "127.0.0.1", Port = smsc?.Port ?? smscPort, SystemId = "bench", WindowSize = window, MaxQueuedSubmits = count,
            AcknowledgeWhenHandled = settleDelay > TimeSpan.Zero,
        });
        await client.WhenBound().WaitAsync(TimeSpan.FromSeconds(30));

        // Warm up the JIT and the link, then measure.
        await Send(client, materializer, 2_000, new long[2_000]);
        var receipts = client.Inbound
            .SelectAsync(256, async m =>
            {
                if (settleDelay > TimeSpan.Zero)
                {
                    await Task.Delay(settleDelay);
                    m.Settle(true);
                }
                return m;
            })
            .Where(m => m.IsReceipt).Skip(2_000).Take(count)
            .RunWith(Sink.Aggregate<InboundMessage, long>(0, (n, _) => n + 1), materializer);

        var startedAt = new long[count];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var latencies = await Send(client, materializer, count, startedAt);
        var submitSeconds = clock.Elapsed.TotalSeconds;
        // Receipts per second are reported only when every one came back (an external SMSC may send fewer).
        var allReceipts = await Task.WhenAny(receipts, Task.Delay(TimeSpan.FromSeconds(60))) == receipts;
        var receiptSeconds = allReceipts ? clock.Elapsed.TotalSeconds : double.PositiveInfinity;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var workingSet = Process.GetCurrentProcess().WorkingSet64;

        await client.StopAsync();
        if (smsc is not null)
            await smsc.StopAsync();

        Array.Sort(latencies);
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        return new Result(count / submitSeconds, Percentile(0.50), Percentile(0.99), Percentile(0.999), latencies[^1],
            count / receiptSeconds, allocated / 1e6, workingSet / 1e6);
    }

    /// <summary>Sends <paramref name="count"/> submits through the flow and returns each one's latency in ms.</summary>
    private static async Task<double[]> Send(EsmeClient client, IMaterializer materializer, int count, long[] startedAt)
    {
        var latencies = new double[count];
        var failures = 0;
        await Source.From(Enumerable.Range(0, count))
            .Select(i =>
            {
                startedAt[i] = Stopwatch.GetTimestamp();
                return new SubmitRequest(i.ToString(), Submit(i));
            })
            .Via(client.SubmitFlow())
            .RunForeach(result =>
            {
                var i = int.Parse(result.Request.Reference);
                latencies[i] = Stopwatch.GetElapsedTime(startedAt[i]).TotalMilliseconds;
                if (result is not SubmitAccepted)
                    failures++;
            }, materializer);
        if (failures > 0)
            throw new InvalidOperationException($"{failures} of {count} submits were not accepted");
        return latencies;
    }

    private static SubmitSm Submit(int i) => new()
    {
        SourceAddrTon = 5, SourceAddr = "Front", DestAddrTon = 1, DestAddrNpi = 1, DestinationAddr = $"479{i % 10_000_000:D7}",
        RegisteredDelivery = RegisteredDelivery.OnFinalOutcome, DataCoding = Front.Actors.Smpp.Protocol.DataCoding.SmscDefault,
        ShortMessage = SmsTextCodec.Encode("Hei! Din kode er 123456. Den gjelder i 10 minutter.", Front.Actors.Domain.Text.DataCoding.SmscDefault),
    };

}
