using System.Net;
using System.Net.Http.Json;
using Akka.Actor;
using Front.Actors.SmscSimulator;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>kill -9 of the host in the middle of a campaign: the restart carries on where it was, without re-sending or skipping anyone.</summary>
public class CampaignKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Recipients = 1_500;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_campaign_killed_mid_stream_resumes_after_the_restart_with_no_duplicate_and_no_gap()
    {
        var database = TempFiles.NewPath("front-actors-campaign-kill", ".db");
        using var smscSystem = ActorSystem.Create("campaign-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { RecordSubmits = true });
        var settings = HostProcess.OneBindTo(smsc.Port, $"--Demo:ModeratorKey={EngineHost.ModeratorKey}");
        string id;
        int atKill;
        using (var first = await HostProcess.StartAsync(database, settings))
        {
            using var moderator = new HttpClient { BaseAddress = first.Client.BaseAddress };
            moderator.DefaultRequestHeaders.Authorization = new("Bearer", EngineHost.ModeratorKey);
            await OkAsync(await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 100, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
            var group = await CampaignTests.ImportAsync(first.Client, "Kill", Recipients, 48);
            id = (await CampaignTests.CreateAsync(first.Client, group, rate: 100)).GetProperty("id").GetString()!;
            await OkAsync(await first.Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
            await Poll.UntilValueAsync(() => Task.FromResult(smsc.AcceptedSubmits.Count >= Recipients / 5 ? true : (bool?)null), "a fifth of the campaign at the SMSC", Long);
            first.KillHard();
            atKill = smsc.AcceptedSubmits.Count;
        }
        output.WriteLine($"SMSC had {atKill} of {Recipients} at the kill");
        Assert.True(atKill < Recipients, $"the whole campaign was sent before the kill ({atKill})");

        using var second = await HostProcess.StartAsync(database, settings);
        // Nobody touches the campaign: the restart wakes it and it carries on from its recipients table.
        var finished = await CampaignTests.StatusAsync(second.Client, id, "finished", Long);
        await Poll.UntilValueAsync(() => Task.FromResult(smsc.AcceptedSubmits.Select(s => s.Pdu.DestinationAddr).Distinct().Count() >= Recipients ? true : (bool?)null),
            "every recipient at the SMSC", Long);
        var report = (await second.Client.GetStringAsync($"/api/v1/campaigns/{id}/report.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).ToList();
        var perNumber = smsc.AcceptedSubmits.GroupBy(s => s.Pdu.DestinationAddr).ToDictionary(g => g.Key, g => g.Count());
        await smsc.StopAsync();

        // No gap: every recipient has its one message and reached the SMSC.
        Assert.Equal(Recipients, finished.GetProperty("counts").GetProperty("submitted").GetInt32());
        Assert.Equal(Recipients, report.Count);
        Assert.All(report, r => Assert.Equal("sent", r[3]));
        Assert.Equal(Recipients, report.Select(r => r[6]).Distinct().Count()); // one message id per recipient, none made twice
        Assert.Equal(Recipients, perNumber.Count);
        // No duplicate from the campaign: a number reaches the SMSC twice only when its one message was in the bind's window
        // at the kill (submitted, its answer not yet stored): the engine's at-least-once to the operator, at most a window.
        var twice = perNumber.Where(n => n.Value > 1).ToList();
        output.WriteLine($"submitted again after the restart (in flight at the kill): {twice.Count}");
        Assert.True(twice.Count <= 10, $"{twice.Count} numbers reached the SMSC more than once");
        Assert.All(twice, n => Assert.Equal(2, n.Value));
    }
}
