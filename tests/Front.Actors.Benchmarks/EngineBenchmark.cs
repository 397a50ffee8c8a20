using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Benchmarks;

/// <summary>
/// The whole engine as a user meets it: the host runs as its own process (SQLite), this process sends N
/// messages over the HTTP API and follows them on the SignalR hub. The host binds either to its built-in
/// simulators (one per operator, the default) or to one external SMSC (<c>--smsc-host</c>, <c>--smsc-port</c>,
/// <c>--smsc-system-id</c>, <c>--smsc-password</c>, <c>--window</c>), which then carries every operator's traffic.
/// Prints accepted messages per second, end-to-end submitted and delivered per second, accept→delivered
/// latency, and the host's peak memory, sampled during the run.
/// </summary>
public static class EngineBenchmark
{
    internal const string ApiKey = "bench-key";
    private const string ModeratorKey = "bench-moderator";
    private static readonly TimeSpan MemorySampling = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(string[] args)
    {
        var messages = args.IntOption("--messages", 20_000);
        var batch = args.IntOption("--batch", 1);
        var concurrency = args.IntOption("--concurrency", 32);
        var receiptDelay = args.IntOption("--receipt-delay-ms", 10);
        var perBind = args.IntOption("--bind-rate", 5_000);
        // The demo account's own rate (50/s by default) would otherwise be what is measured.
        var accountRate = args.IntOption("--account-rate", 10_000);
        var wait = TimeSpan.FromSeconds(args.IntOption("--timeout-seconds", 600));
        var smscHost = args.Option("--smsc-host");
        var window = args.IntOption("--window", 50);
        // A server runs warm: the first messages pay for the JIT. Tiered compilation takes long to settle here (a
        // profile after 2,000 messages still found most engine code at tier 0 and the JIT's background thread at a
        // fifth of the host's CPU), so 20,000 are sent and delivered before the clock starts; --warmup 0 measures from cold.
        var warmup = args.IntOption("--warmup", 20_000);
        // A client following thousands of statuses a second asks for batches; --plain-hub follows one push per change.
        var batchedHub = !args.Contains("--plain-hub");

        string[] binds;
        string target;
        if (smscHost is null)
        {
            binds = ["--Smpp:Simulator:ReceiptDelayMs", receiptDelay.ToString(), "--Smpp:Simulator:MaxMessagesPerSecond", perBind.ToString()];
            target = $"3 built-in simulators at {perBind:N0} parts/s each, receipt delay {receiptDelay} ms";
            if (args.Option("--window") is not null)
                Console.WriteLine("note: --window applies to an external SMSC; the built-in simulators' binds use a window of 50");
        }
        else
        {
            var smscPort = args.IntOption("--smsc-port", 2775);
            binds = ExternalBind(smscHost, smscPort, args.Option("--smsc-system-id") ?? "front", args.Option("--smsc-password") ?? "", window, perBind);
            target = $"one bind to {smscHost}:{smscPort} (window {window}, {perBind:N0} parts/s)";
        }

        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"front-actors-bench-{Guid.NewGuid():N}");
        using var host = StartHost(port, data, ["--Demo:ModeratorKey", ModeratorKey, .. binds]);
        using var memory = new PeakMemory(host, MemorySampling);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            await WaitReadyAsync(http);
            using (var moderator = new HttpClient { BaseAddress = http.BaseAddress })
            {
                moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ModeratorKey);
                (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = accountRate })).EnsureSuccessStatusCode();
            }

            var accepted = new ConcurrentDictionary<string, long>();
            var submitted = new ConcurrentDictionary<string, long>();
            var delivered = new ConcurrentDictionary<string, long>();
            var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var warmDelivered = 0;
            var measuring = warmup == 0;
            var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var hub = new HubConnectionBuilder()
                .WithUrl($"http://127.0.0.1:{port}/hubs/messages" + (batchedHub ? "?batched=true" : ""), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ApiKey))
                .Build();
            void OnUpdate(JsonElement update)
            {
                if (!Volatile.Read(ref measuring))
                {
                    if (update.GetProperty("status").GetString() == "delivered" && Interlocked.Increment(ref warmDelivered) >= warmup)
                        warm.TrySetResult();
                    return;
                }
                var id = update.GetProperty("id").GetString()!;
                var now = Stopwatch.GetTimestamp();
                switch (update.GetProperty("status").GetString())
                {
                    case "submitted":
                        submitted.TryAdd(id, now);
                        break;
                    case "delivered":
                        delivered.TryAdd(id, now);
                        if (delivered.Count >= messages)
                            allDelivered.TrySetResult();
                        break;
                }
            }
            hub.On<JsonElement>("StatusChanged", OnUpdate);
            hub.On<JsonElement>("StatusesChanged", updates =>
            {
                foreach (var update in updates.EnumerateArray())
                    OnUpdate(update);
            });
            await hub.StartAsync();

            Console.WriteLine($"Engine over HTTP: {messages:N0} messages, {batch} recipient(s) per request, {concurrency} concurrent requests, " +
                              $"SQLite, {target}, account rate {accountRate:N0}/s, {Environment.ProcessorCount} cores" +
                              (warmup > 0 ? $", after {warmup:N0} delivered to warm up" : ", from cold") + (batchedHub ? ", statuses followed in batches" : ", statuses followed one push each"));
            var failures = 0;
            var busy = 0;
            if (warmup > 0)
            {
                await SendAsync(messages, warmup, "warm", (_, _) => { });
                await warm.Task.WaitAsync(wait);
                Volatile.Write(ref measuring, true);
            }
            var clock = Stopwatch.StartNew();
            var started = Stopwatch.GetTimestamp();
            var hostCpuBefore = host.TotalProcessorTime;
            await SendAsync(0, messages, "bench", (id, at) => accepted[id] = at);

            // Sends count messages from recipient number first on, in requests of batch, concurrency at a time.
            async Task SendAsync(int first, int count, string reference, Action<string, long> onAccepted)
            {
                var next = -1;
                var requests = count / batch;
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int n;
                    while ((n = Interlocked.Increment(ref next)) < requests)
                    {
                        var to = Enumerable.Range(first + n * batch, batch).Select(Recipient).ToArray();
                        var response = await http.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = "Hei! Din kode er 123456.", clientRef = $"{reference}-{n}" });
                        // 503: the engine is backed up and asks the client to come back; a client sends the same request again.
                        while (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                        {
                            Interlocked.Increment(ref busy);
                            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                            response = await http.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = "Hei! Din kode er 123456.", clientRef = $"{reference}-{n}" });
                        }
                        var at = Stopwatch.GetTimestamp();
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failures);
                            continue;
                        }
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                        foreach (var m in body.GetProperty("messages").EnumerateArray())
                            onAccepted(m.GetProperty("id").GetString()!, at);
                    }
                }));
            }
            var acceptSeconds = clock.Elapsed.TotalSeconds;
            // An external SMSC may not send every receipt: report what came within the limit instead of failing.
            if (await Task.WhenAny(allDelivered.Task, Task.Delay(wait)) != allDelivered.Task)
                Console.WriteLine($"note: {delivered.Count:N0} of {messages:N0} delivered within {wait.TotalSeconds:N0} s; the figures below cover those");
            var hostCpu = host.TotalProcessorTime - hostCpuBefore;
            var (peakSampled, samples) = memory.Stop();
            var deliverSeconds = delivered.IsEmpty ? double.NaN : Stopwatch.GetElapsedTime(started, delivered.Values.Max()).TotalSeconds;
            var submitSeconds = submitted.IsEmpty ? double.NaN : Stopwatch.GetElapsedTime(started, submitted.Values.Max()).TotalSeconds;

            var latencies = delivered.Where(d => accepted.ContainsKey(d.Key))
                .Select(d => Stopwatch.GetElapsedTime(accepted[d.Key], d.Value).TotalMilliseconds).Order().ToArray();
            double P(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
            var peakKernel = PeakMemory.KernelPeakBytes(host);

            Console.WriteLine($"{"accepted/s",11} {"submitted/s",12} {"delivered/s",12} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"failed",7} {"peak RSS MB",12} {"host CPU µs/msg",16}");
            Console.WriteLine($"{accepted.Count / acceptSeconds,11:N0} {submitted.Count / submitSeconds,12:N0} {delivered.Count / deliverSeconds,12:N0} " +
                              $"{P(0.50),8:N1} {P(0.99),8:N1} {(latencies.Length == 0 ? double.NaN : latencies[^1]),8:N1} {failures,7} {peakSampled / 1e6,12:N0} " +
                              $"{(delivered.IsEmpty ? double.NaN : hostCpu.TotalMicroseconds / delivered.Count),16:N0}");
            if (busy > 0)
                Console.WriteLine($"{busy} requests were answered 503 (engine backed up) and sent again after Retry-After");
            Console.WriteLine("host CPU: the host process's user and system time from the first measured send to the last delivery, per message delivered");
            Console.WriteLine("latency: from the 202 answer to the 'delivered' push on the hub (includes the SMSC's receipt delay)");
            Console.WriteLine($"peak RSS: the most of {samples:N0} samples of the host's working set, one every {MemorySampling.TotalMilliseconds:N0} ms from start to the last delivery" +
                              (peakKernel is { } hwm ? $" (the kernel's high-water mark, VmHWM: {hwm / 1e6:N0} MB)" : ""));
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            host.WaitForExit();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    // Spread over the three operators' series so that every bind carries a third.
    private static string Recipient(int i) => (i % 3) switch
    {
        0 => $"91{i % 1_000_000:D6}",
        1 => $"93{i % 1_000_000:D6}",
        _ => $"96{i % 1_000_000:D6}",
    };

    /// <summary>
    /// Host settings for one bind to an SMSC outside the host, the built-in simulators off. It is a Telenor bind;
    /// other operators' recipients roam through it, so it carries all the traffic.
    /// </summary>
    internal static string[] ExternalBind(string host, int port, string systemId, string password, int window, int maxPerSecond) =>
    [
        "--Smpp:Simulator:Enabled", "false",
        "--Smpp:Binds:0:Name", "external-1", "--Smpp:Binds:0:Operator", "Telenor", "--Smpp:Binds:0:Host", host,
        "--Smpp:Binds:0:Port", port.ToString(), "--Smpp:Binds:0:SystemId", systemId, "--Smpp:Binds:0:Password", password,
        "--Smpp:Binds:0:WindowSize", window.ToString(), "--Smpp:Binds:0:MaxMessagesPerSecond", maxPerSecond.ToString(),
    ];

    /// <summary>Host settings for one Telenor bind to a simulator in this process, the built-in simulators off.</summary>
    internal static string[] OneBindTo(int port) =>
    [
        "--Smpp:Simulator:Enabled", "false",
        "--Smpp:Binds:0:Name", "telenor-1", "--Smpp:Binds:0:Operator", "Telenor", "--Smpp:Binds:0:Host", "127.0.0.1",
        "--Smpp:Binds:0:Port", port.ToString(), "--Smpp:Binds:0:SystemId", "front", "--Smpp:Binds:0:WindowSize", "50",
        "--Smpp:Binds:0:SubmitIdFormat", "Hex", "--Smpp:Binds:0:ReceiptIdFormat", "Decimal",
    ];

    internal static Process StartHost(int port, string data, IEnumerable<string> settings)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Front.Actors.Host", "bin", configuration, "net10.0", "Front.Actors.Host.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var arg in new[]
                 {
                     dll, "--urls", $"http://127.0.0.1:{port}", "--LocalMode:Enabled", "true", "--Demo:ApiKey", ApiKey, "--Logging:LogLevel:Default", "Warning",
                     "--ApiKeys:RequestsPerSecond", "0", // the benchmark measures the engine, not the per-key limit
                     "--Storage:ConnectionString", $"Data Source={Path.Combine(data, "bench.db")}",
                 }.Concat(settings))
            start.ArgumentList.Add(arg);
        // Runtime settings for the host alone (e.g. DOTNET_GCgen0size=0x4000000), as NAME=VALUE pairs separated by ';'.
        foreach (var pair in (Environment.GetEnvironmentVariable("FRONT_BENCH_HOST_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            start.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"host: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the host did not become ready");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Front.Actors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Front.Actors.sln not found");
    }
}
