using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Front.Actors.SmscSimulator;
using Xunit.Abstractions;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Pacing as the operator sees it: the host binds once to a simulator run by the test, and the simulator's own
/// per-second counts of submit_sm (on its monotonic clock) are what is asserted. The tolerances allow a message
/// or two to land across a second boundary; a sender without pacing puts everything into one or two seconds.
/// </summary>
public class PacingAtTheSmscTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Never_more_than_the_binds_maximum_reaches_the_smsc_in_any_second()
    {
        const int maximum = 20, count = 100;
        using var smscSystem = ActorSystem.Create("pacing-bind-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        // The SMSC holds the bind to its agreed maximum itself: anything faster is answered ESME_RTHROTTLED.
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { MaxSubmitsPerSecond = maximum, ReceiptDelay = TimeSpan.FromMilliseconds(10) });
        // The usual window of 10. Without pacing, the submits pile into the first seconds up to what the SMSC's
        // throttling and the session's pauses let through (30 to 41 a second against this maximum of 20).
        await using var host = await StartHostAsync(smsc, maximum, window: 10);
        // The account's own rate well above the bind's, so only the bind paces.
        await SetAccountRateAsync(host, 1_000);

        await SendAsync(host, count);
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.SubmitsAccepted >= count ? true : (bool?)null), $"{count} submits accepted");
        var seconds = smsc.SubmitsPerSecond;
        await smsc.StopAsync();

        var report = Describe(seconds);
        output.WriteLine($"second:received/throttled {report}");
        Assert.All(seconds, s => Assert.True(s.Received <= maximum + Tolerance(maximum), $"second {s.Second} had {s.Received} submits, maximum {maximum}: {report}"));
        // The SMSC's own bucket (one second's worth) never had to refuse a submit as above the maximum.
        Assert.All(seconds, s => Assert.True(s.Throttled == 0, $"second {s.Second} had {s.Throttled} submits throttled: {report}"));
        // count / maximum seconds of traffic at least: the work was spread, not merely cut into a few busy seconds.
        Assert.True(seconds.Count >= count / (maximum + Tolerance(maximum)), report);
    }

    [Fact]
    public async Task Traffic_above_the_accounts_rate_waits_and_a_rate_lowered_mid_run_applies_to_what_waits()
    {
        const int before = 10, after = 5, count = 60, changeAt = 25;
        using var smscSystem = ActorSystem.Create("pacing-account-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { MaxSubmitsPerSecond = 1_000, ReceiptDelay = TimeSpan.FromMilliseconds(10) });
        await using var host = await StartHostAsync(smsc, bindMaximum: 1_000, window: 10);
        await SetAccountRateAsync(host, before);

        await SendAsync(host, count);
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.SubmitsReceived >= changeAt ? true : (bool?)null), $"{changeAt} submits received");
        await SetAccountRateAsync(host, after);
        // The simulator's second in which the new rate was already in force (the PUT answers after the pipeline has it).
        var changed = smsc.CurrentSecond;
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.SubmitsAccepted >= count ? true : (bool?)null), $"{count} submits accepted");
        var seconds = smsc.SubmitsPerSecond;
        await smsc.StopAsync();

        var report = $"rate changed in second {changed}: {Describe(seconds)}";
        output.WriteLine($"second:received/throttled {report}");
        AssertPaced(seconds.Where(s => s.Second < changed).ToList(), before, report);
        // The second of the change mixes both rates; from the next one on only the lower rate holds.
        AssertPaced(seconds.Where(s => s.Second > changed).ToList(), after, report);
        // What waited was really still waiting: a good part of the traffic went out after the change, at the new rate.
        var sentAfter = seconds.Where(s => s.Second > changed).Sum(s => s.Received);
        Assert.True(sentAfter >= (count - changeAt) / 2, $"only {sentAfter} sent after the change: {report}");
        Assert.Equal(count, seconds.Sum(s => s.Accepted));
    }

    [Fact]
    public async Task A_numbers_own_rate_holds_at_the_smsc_when_the_account_may_send_faster()
    {
        const int rate = 5, count = 30;
        using var smscSystem = ActorSystem.Create("pacing-number-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { MaxSubmitsPerSecond = 1_000, ReceiptDelay = TimeSpan.FromMilliseconds(10) });
        await using var host = await StartHostAsync(smsc, bindMaximum: 1_000, window: 10);
        await SetAccountRateAsync(host, 1_000);
        var provider = host.Client(EngineHost.ModeratorKey);
        (await provider.PutAsJsonAsync("/api/v1/numbers/2401", new { ownerAccountId = "demo", shared = false })).EnsureSuccessStatusCode();
        (await provider.PutAsJsonAsync("/api/v1/numbers/2401/limits", new { messagesPerSecond = rate })).EnsureSuccessStatusCode();

        await SendAsync(host, count, from: "2401");
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.SubmitsAccepted >= count ? true : (bool?)null), $"{count} submits accepted");
        var seconds = smsc.SubmitsPerSecond;
        await smsc.StopAsync();

        var report = Describe(seconds);
        output.WriteLine($"second:received/throttled {report}");
        AssertPaced(seconds, rate, report);
        Assert.True(seconds.Count >= (count - 2 * rate) / (rate + Tolerance(rate)), report);
    }

    [Fact]
    public async Task A_campaigns_rate_holds_at_the_smsc_when_the_account_may_send_faster()
    {
        const int rate = 20, count = 120;
        using var smscSystem = ActorSystem.Create("pacing-campaign-smsc", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { MaxSubmitsPerSecond = 1_000, ReceiptDelay = TimeSpan.FromMilliseconds(10) });
        await using var host = await StartHostAsync(smsc, bindMaximum: 1_000, window: 10);
        var limits = await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 1_000, monthlySegments = 10_000_000, bulkThreshold = 100_000 });
        Assert.True(limits.IsSuccessStatusCode, await limits.Content.ReadAsStringAsync());
        var group = await CampaignTests.ImportAsync(host.Client(), "Takt", count, 46);
        var id = (await CampaignTests.CreateAsync(host.Client(), group, rate)).GetProperty("id").GetString()!;

        var started = await host.Client().PostAsync($"/api/v1/campaigns/{id}/start", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.SubmitsAccepted >= count ? true : (bool?)null), $"{count} submits accepted");
        var seconds = smsc.SubmitsPerSecond;
        await smsc.StopAsync();

        var report = Describe(seconds);
        output.WriteLine($"second:received/throttled {report}");
        AssertPaced(seconds, rate, report);
        Assert.Equal(count, seconds.Sum(s => s.Accepted));
    }

    /// <summary>
    /// What a rate of <paramref name="rate"/> per second allows: never more than the rate in any one second, so in any
    /// run of consecutive seconds at most the rate times their number (and no burst on top: a lane held up for a
    /// moment, say by the garbage collector, does not catch up by sending faster). No pacing, a burst of a second's
    /// worth, or the old rate kept after a change breaks this within a few seconds.
    /// </summary>
    private static void AssertPaced(IReadOnlyList<SubmitSecond> seconds, int rate, string report)
    {
        for (var from = 0; from < seconds.Count; from++)
            for (var to = from; to < seconds.Count; to++)
            {
                var span = seconds[to].Second - seconds[from].Second + 1;
                var sent = seconds.Skip(from).Take(to - from + 1).Sum(s => s.Received);
                Assert.True(sent <= rate * span + Tolerance(rate),
                    $"seconds {seconds[from].Second}–{seconds[to].Second} had {sent}, more than {rate}/s: {report}");
            }
    }

    /// <summary>
    /// Room for messages sent at the end of one second to be counted in the next (or held up a moment on the way);
    /// far below what no pacing does, and below what a pacer that kept the old rate after a change does.
    /// </summary>
    private static int Tolerance(int rate) => Math.Max(3, rate / 4);

    private static string Describe(IEnumerable<SubmitSecond> seconds) =>
        string.Join(", ", seconds.Select(s => $"{s.Second}:{s.Received}/{s.Throttled}t"));

    private static async Task<EngineHost> StartHostAsync(SmscSimulator.SmscSimulator smsc, int bindMaximum, int window)
    {
        var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["Smpp:Simulator:Enabled"] = "false",
            ["Smpp:Binds:0:Name"] = "telenor-1",
            ["Smpp:Binds:0:Operator"] = "Telenor",
            ["Smpp:Binds:0:Host"] = "127.0.0.1",
            ["Smpp:Binds:0:Port"] = smsc.Port.ToString(),
            ["Smpp:Binds:0:SystemId"] = "front",
            ["Smpp:Binds:0:WindowSize"] = window.ToString(),
            ["Smpp:Binds:0:MaxMessagesPerSecond"] = bindMaximum.ToString(),
            ["Smpp:Binds:0:SubmitIdFormat"] = "Hex",
            ["Smpp:Binds:0:ReceiptIdFormat"] = "Decimal",
        });
        await smsc.WhenSessionsBound(1).WaitAsync(Limit);
        return host;
    }

    private static async Task SetAccountRateAsync(EngineHost host, int messagesPerSecond)
    {
        var response = await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task SendAsync(EngineHost host, int count, string from = "Front")
    {
        var to = Enumerable.Range(0, count).Select(i => $"91{i:D6}").ToArray();
        var response = await host.Client().PostAsJsonAsync("/api/v1/messages", new { from, to, text = "I takt" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        Assert.Equal(count, body.GetProperty("messages").GetArrayLength());
    }
}
