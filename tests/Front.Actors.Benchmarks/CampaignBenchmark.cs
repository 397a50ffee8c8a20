using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Front.Actors.SmscSimulator;

namespace Front.Actors.Benchmarks;

/// <summary>
/// A campaign of N recipients through the host (its own process) to one simulated bind: recipients a second at the SMSC,
/// the host's peak memory (the audience is paged, so it should not grow with N), the time from the start call to the
/// first submit, and, at a fixed rate, the measured rate against the configured one and the most in any one second.
/// </summary>
public static class CampaignBenchmark
{
    private const string ModeratorKey = "bench-moderator";
    private const int ImportChunk = 200_000; // rows per CSV import, under the import's size limit

    public static async Task RunAsync(string[] args)
    {
        var recipients = args.IntOption("--recipients", 100_000);
        var rates = args.IntsOption("--rates", "0,500");
        Console.WriteLine($"Campaign of {recipients:N0} recipients, one bind to a simulator, {Environment.ProcessorCount} cores; rate 0 = the account's maximum (10000/s)");
        Console.WriteLine($"{"rate/s",7} {"recipients/s",13} {"first submit",13} {"peak MB",8} {"measured/s",11} {"error",7} {"max in 1 s",11}");
        foreach (var rate in rates)
        {
            var r = await RunOnceAsync(recipients, rate);
            var error = rate == 0 ? "" : $"{(r.Measured - rate) / rate:P1}";
            Console.WriteLine($"{(rate == 0 ? "max" : rate.ToString()),7} {r.PerSecond,13:N0} {r.FirstSubmit.TotalMilliseconds,11:N0}ms {r.PeakBytes / 1024 / 1024,8:N0} {r.Measured,11:N1} {error,7} {r.MaxInSecond,11}");
        }
        Console.WriteLine("recipients/s: first to last submit at the SMSC; first submit: from the start call (snapshot included); measured/s over the second half");
    }

    private sealed record Result(double PerSecond, TimeSpan FirstSubmit, long PeakBytes, double Measured, int MaxInSecond);

    private static async Task<Result> RunOnceAsync(int recipients, int rate)
    {
        using var system = ActorSystem.Create("campaign-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(system, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(10), RecordSubmits = false, RecordSubmitTimes = true });
        var port = EngineBenchmark.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"front-actors-campaign-{Guid.NewGuid():N}");
        // The bind's agreed maximum is lifted (its default is 100/s), so the campaign's own rate and the engine are what is measured.
        using var host = EngineBenchmark.StartHost(port, data,
            ["--Demo:ModeratorKey", ModeratorKey, .. EngineBenchmark.OneBindTo(smsc.Port), "--Smpp:Binds:0:MaxMessagesPerSecond", "100000"]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EngineBenchmark.ApiKey);
            await EngineBenchmark.WaitReadyAsync(http);
            using var moderator = new HttpClient { BaseAddress = http.BaseAddress };
            moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ModeratorKey);
            (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits",
                new { messagesPerSecond = rate == 0 ? 10_000 : rate, monthlySegments = 1_000_000_000, bulkThreshold = 10_000_000 })).EnsureSuccessStatusCode();

            string? group = null;
            for (var from = 0; from < recipients; from += ImportChunk)
            {
                var csv = new StringBuilder("number;fornavn\n");
                for (var i = from; i < Math.Min(recipients, from + ImportChunk); i++)
                    csv.Append(90_000_000 + i).Append(";Kari\n");
                var imported = await http.PostAsync("/api/v1/contacts/import?group=Bench", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
                imported.EnsureSuccessStatusCode();
                group = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("groupId").GetString();
            }
            var created = await http.PostAsJsonAsync("/api/v1/campaigns",
                new { name = "Bench", from = "Front", text = "Hei {fornavn}!", groups = new[] { group }, messagesPerSecond = rate == 0 ? 10_000 : rate });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

            using var memory = new PeakMemory(host, TimeSpan.FromMilliseconds(200));
            var started = DateTimeOffset.UtcNow;
            var startedTimestamp = Stopwatch.GetTimestamp();
            var start = await http.PostAsync($"/api/v1/campaigns/{id}/start", null);
            start.EnsureSuccessStatusCode();
            var startCall = DateTimeOffset.UtcNow - started;
            // Wait for every recipient at the SMSC; a campaign that makes no progress for two minutes is reported, not waited for.
            var (seen, lastProgress) = (0L, DateTime.UtcNow);
            while (smsc.Counters.SubmitsAccepted < recipients && DateTime.UtcNow - lastProgress < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(200);
                if (smsc.Counters.SubmitsAccepted > seen)
                    (seen, lastProgress) = (smsc.Counters.SubmitsAccepted, DateTime.UtcNow);
            }
            if (smsc.Counters.SubmitsAccepted < recipients)
                Console.WriteLine($"note: stalled at {smsc.Counters.SubmitsAccepted:N0} of {recipients:N0} recipients");
            Console.WriteLine($"note: the start call answered in {startCall.TotalMilliseconds:N0} ms");
            var (peak, _) = memory.Stop();

            var at = smsc.SubmitTimestamps.Select(t => Stopwatch.GetElapsedTime(startedTimestamp, t)).ToArray();
            var perSecond = (at.Length - 1) / (at[^1] - at[0]).TotalSeconds;
            var steadyFrom = at.Length / 2;
            var measured = (at.Length - 1 - steadyFrom) / (at[^1] - at[steadyFrom]).TotalSeconds;
            var maxInSecond = 0;
            for (int first = 0, last = 0; last < at.Length; last++)
            {
                while (at[last] - at[first] >= TimeSpan.FromSeconds(1))
                    first++;
                maxInSecond = Math.Max(maxInSecond, last - first + 1);
            }
            return new Result(perSecond, at[0], PeakMemory.KernelPeakBytes(host) ?? peak, measured, maxInSecond);
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
