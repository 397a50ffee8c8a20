using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Benchmarks;

/// <summary>
/// The agents' inbox under load: the host (its own process) binds to a simulator in this process; many
/// accounts, each with a virtual number and agents with open hub connections; thousands of conversations
/// opened first; then inbound messages at steady rates. Latency runs from the moment the simulator is told
/// to send the deliver_sm to the moment an agent's SignalR client has the message (one clock: this process).
/// </summary>
public static class InboxBenchmark
{
    private const string ModeratorKey = "bench-moderator";

    public static async Task RunAsync(string[] args)
    {
        var accounts = args.IntOption("--accounts", 100);
        var connections = args.IntOption("--connections", 1_000);
        var conversations = args.IntOption("--conversations", 10_000);
        var seconds = args.IntOption("--seconds", 10);
        var rates = args.IntsOption("--rates", "100,200,400");

        using var system = ActorSystem.Create("inbox-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(system, new SmscSimulator.SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(10), RecordSubmits = false });
        var port = EngineBenchmark.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"front-actors-inbox-{Guid.NewGuid():N}");
        using var host = EngineBenchmark.StartHost(port, data, ["--Demo:ModeratorKey", ModeratorKey, .. EngineBenchmark.OneBindTo(smsc.Port)]);
        var hubs = new List<HubConnection>();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}");
            using var moderator = Client(baseUri, ModeratorKey);
            await EngineBenchmark.WaitReadyAsync(moderator);

            // Accounts, each with its own virtual number and one agent signed in on several connections (tabs, screens).
            var numbers = new string[accounts];
            var tokens = new string[accounts];
            // Timestamps in arrays indexed by message number (and connection): a dictionary of string keys grew by 100,000
            // entries a rate and its garbage collections showed in the latencies measured.
            var perAccount = connections / accounts;
            var capacity = conversations + rates.Sum(r => r * seconds) + 1;
            var sent = new long[capacity];
            var received = new long[capacity * perAccount]; // [seq * perAccount + connection's slot in its account]
            var firstSeen = new long[capacity];
            var seqCounter = 0;
            for (var a = 0; a < accounts; a++)
            {
                var id = $"bench-{a:D3}";
                var created = await (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id, name = id })).Content.ReadFromJsonAsync<JsonElement>();
                using var customer = Client(baseUri, created.GetProperty("apiKey").GetString()!);
                numbers[a] = $"+47900{a:D5}";
                (await moderator.PutAsJsonAsync($"/api/v1/numbers/{numbers[a]}", new { ownerAccountId = id })).EnsureSuccessStatusCode();
                (await customer.PostAsJsonAsync("/api/v1/agents", new { userName = $"agent@{id}", password = "bench-password" })).EnsureSuccessStatusCode();
                var signIn = await (await moderator.PostAsJsonAsync("/api/v1/agents/sign-in", new { userName = $"agent@{id}", password = "bench-password" })).Content.ReadFromJsonAsync<JsonElement>();
                tokens[a] = signIn.GetProperty("token").GetString()!;
            }
            for (var c = 0; c < connections; c++)
            {
                var token = tokens[c % accounts];
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(baseUri, "/hubs/inbox"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                var slot = c / accounts;
                connection.On<InboxUpdated>("InboxUpdated", update =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (update.Kind != "message" || update.Message?.Text is not { } text || !int.TryParse(text.AsSpan(1), out var seq) || seq >= sent.Length)
                        return;
                    received[seq * perAccount + slot] = now;
                    Interlocked.CompareExchange(ref firstSeen[seq], now, 0);
                });
                await connection.StartAsync();
                hubs.Add(connection);
            }
            host.Refresh();
            var before = host.WorkingSet64;
            Console.WriteLine($"{accounts} accounts, {connections} agent connections ({connections / accounts} per account), {Environment.ProcessorCount} cores; host working set {before / 1e6:N0} MB");

            // Open the conversations: one contact each, spread over the accounts.
            var opening = Stopwatch.StartNew();
            for (var i = 0; i < conversations; i++)
                await InjectAsync(smsc, Contact(i), numbers[i % accounts], Interlocked.Increment(ref seqCounter), sent);
            await WaitForAsync(() => Seen(firstSeen, 1, seqCounter) == seqCounter, TimeSpan.FromMinutes(5));
            opening.Stop();
            host.Refresh();
            var after = host.WorkingSet64;
            Console.WriteLine($"opened {conversations:N0} conversations in {opening.Elapsed.TotalSeconds:N1} s ({conversations / opening.Elapsed.TotalSeconds:N0}/s); " +
                              $"host working set {after / 1e6:N0} MB: {(after - before) / (double)conversations / 1024:N1} KB per conversation (entities still in memory, idle)");

            Console.WriteLine($"{"rate/s",7} {"messages",9} {"achieved/s",11} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"deliveries",11} {"missing",8} {"host µs/msg",12}");
            var random = new Random(7);
            foreach (var rate in rates)
            {
                var start = seqCounter + 1;
                var count = rate * seconds;
                host.Refresh();
                var hostCpuBefore = host.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                for (var n = 0; n < count; n++)
                {
                    // Steady pacing: message n leaves at n / rate seconds.
                    var wait = TimeSpan.FromSeconds(n / (double)rate) - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait);
                    var i = random.Next(conversations);
                    await InjectAsync(smsc, Contact(i), numbers[i % accounts], Interlocked.Increment(ref seqCounter), sent);
                }
                var achieved = count / clock.Elapsed.TotalSeconds;
                var end = seqCounter;
                await WaitForAsync(() => Seen(firstSeen, start, end) == count, TimeSpan.FromSeconds(60));
                // Every connection of the account gets each message; wait a moment for the slower ones to come in.
                await WaitForAsync(() => Seen(received, start * perAccount, (end + 1) * perAccount - 1) >= count * perAccount, TimeSpan.FromSeconds(30));
                var latencies = Enumerable.Range(start * perAccount, count * perAccount)
                    .Where(i => received[i] != 0)
                    .Select(i => Stopwatch.GetElapsedTime(sent[i / perAccount], received[i]).TotalMilliseconds)
                    .Order().ToArray();
                host.Refresh();
                var hostCpu = (host.TotalProcessorTime - hostCpuBefore).TotalMicroseconds / count;
                double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
                Console.WriteLine($"{rate,7} {count,9} {achieved,11:N1} {P(0.50),8:N1} {P(0.99),8:N1} {latencies[^1],8:N1} {latencies.Length,11} {count * perAccount - latencies.Length,8} {hostCpu,12:N0}");
            }
            host.Refresh();
            Console.WriteLine($"host working set at the end {host.WorkingSet64 / 1e6:N0} MB; latency: simulator told to send the deliver_sm → the message on an agent's hub connection (every connection of the account counted); host µs/msg: the host's CPU time over the rate's messages (its pushes to every connection included)");
        }
        finally
        {
            foreach (var hub in hubs)
                await hub.DisposeAsync();
            host.Kill(entireProcessTree: true);
            host.WaitForExit();
            await smsc.StopAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static string Contact(int i) => $"+4791{i:D6}";

    /// <summary>How many of the timestamps from <paramref name="first"/> to <paramref name="last"/> (inclusive) are set.</summary>
    private static int Seen(long[] timestamps, int first, int last)
    {
        var seen = 0;
        for (var i = first; i <= last; i++)
            if (Volatile.Read(ref timestamps[i]) != 0)
                seen++;
        return seen;
    }

    /// <summary>The part of an inbox update the benchmark reads.</summary>
    private sealed record InboxUpdated(string Kind, InboxMessage? Message);

    private sealed record InboxMessage(string? Text);

    private static async Task InjectAsync(SmscSimulator.SmscSimulator smsc, string from, string to, int seq, long[] sent)
    {
        sent[seq] = Stopwatch.GetTimestamp();
        await smsc.InjectMobileOriginatedAsync(from, to, $"m{seq}");
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the inbox did not receive every message in time");
            await Task.Delay(50);
        }
    }

    private static HttpClient Client(Uri baseUri, string key)
    {
        var client = new HttpClient { BaseAddress = baseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

}
