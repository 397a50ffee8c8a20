using System.Net.Http.Headers;
using System.Net.Http.Json;
using Akka.Actor;
using Akka.Configuration;
using Front.Actors.SmscSimulator;

namespace Front.Actors.Benchmarks;

/// <summary>
/// Does the engine keep an account's configured rate? For each rate R the host (its own process) sends
/// R × seconds messages through one bind to a simulator in this process; the simulator's timestamps of
/// accepted submits give the measured rate, the most in any one-second window, and how often the SMSC had
/// to answer ESME_RTHROTTLED (it throttles above the bind's agreed maximum).
/// </summary>
public static class RateBenchmark
{
    private const string ModeratorKey = "bench-moderator";

    public static async Task RunAsync(string[] args)
    {
        var rates = args.IntsOption("--rates", "50,200,1000");
        var seconds = args.IntOption("--seconds", 10);
        var bindMaximum = args.IntOption("--bind-max", 2000);

        Console.WriteLine($"Account rate R over {seconds} s of traffic, one bind with an agreed maximum of {bindMaximum}/s (the SMSC throttles above it), {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"R/s",6} {"messages",9} {"measured/s",11} {"vs R",7} {"max in 1 s",11} {"throttled",10}");
        foreach (var rate in rates)
        {
            var (measured, maxInSecond, throttled, count) = await RunOnceAsync(rate, seconds, bindMaximum);
            Console.WriteLine($"{rate,6} {count,9} {measured,11:N1} {(measured - rate) / rate,7:P1} {maxInSecond,11} {throttled,10}");
        }
        Console.WriteLine("measured/s: rate at the SMSC over the second half of the run; max in 1 s: the most submits in any one-second window, burst included");
    }

    private static async Task<(double Measured, int MaxInSecond, long Throttled, int Count)> RunOnceAsync(int rate, int seconds, int bindMaximum)
    {
        using var system = ActorSystem.Create("rate-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(system, new SmscSimulatorOptions
        {
            ReceiptDelay = TimeSpan.FromMilliseconds(10), MaxSubmitsPerSecond = bindMaximum, RecordSubmits = true,
        });
        var port = EngineBenchmark.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"front-actors-rate-{Guid.NewGuid():N}");
        using var host = EngineBenchmark.StartHost(port, data,
            ["--Demo:ModeratorKey", ModeratorKey, .. EngineBenchmark.OneBindTo(smsc.Port), "--Smpp:Binds:0:MaxMessagesPerSecond", bindMaximum.ToString()]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EngineBenchmark.ApiKey);
            await EngineBenchmark.WaitReadyAsync(http);
            using var moderator = new HttpClient { BaseAddress = http.BaseAddress };
            moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ModeratorKey);
            (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = rate })).EnsureSuccessStatusCode();

            var count = rate * seconds;
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                int batch;
                while ((batch = Interlocked.Increment(ref next)) * 100 < count)
                {
                    var to = Enumerable.Range(batch * 100, Math.Min(100, count - batch * 100)).Select(i => $"9{1000000 + i}").ToArray();
                    (await http.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = "Rate" })).EnsureSuccessStatusCode();
                }
            }));
            var deadline = DateTime.UtcNow.AddSeconds(seconds * 3 + 30);
            while (smsc.Counters.SubmitsAccepted < count && DateTime.UtcNow < deadline)
                await Task.Delay(100);

            var at = smsc.AcceptedSubmits.Select(a => a.At).Order().ToArray();
            // The second half of the run: well past the first second's burst and the backlog it leaves at the bind.
            var steadyFrom = at.Length / 2;
            var measured = (at.Length - 1 - steadyFrom) / (at[^1] - at[steadyFrom]).TotalSeconds;
            var maxInSecond = 0;
            for (int first = 0, last = 0; last < at.Length; last++)
            {
                while (at[last] - at[first] >= TimeSpan.FromSeconds(1))
                    first++;
                maxInSecond = Math.Max(maxInSecond, last - first + 1);
            }
            return (measured, maxInSecond, smsc.Counters.SubmitsThrottled, at.Length);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            host.WaitForExit();
            await smsc.StopAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
