using System.Net.Http.Json;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>A campaign's snapshot, fan-out, counts and report (hand-written SQL and batch inserts) on each database.</summary>
public class CampaignStorageTests
{
    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_campaign_snapshots_sends_counts_and_reports_on_each_database(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var client = host.Client();
        await OkAsync(await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 500, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        var group = await CampaignTests.ImportAsync(client, "Lager", 50, 47);
        await OkAsync(await client.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4747000003", to = "2401", text = "STOPP DEMO" }), System.Net.HttpStatusCode.Accepted);
        await Poll.UntilValueAsync(async () =>
            (await OkAsync(await client.GetAsync("/api/v1/accounts/demo/opt-outs"))).GetProperty("items").EnumerateArray().Any() ? true : (bool?)null, "the opt-out");

        var first = (await CampaignTests.CreateAsync(client, group, rate: 200)).GetProperty("id").GetString()!;
        await OkAsync(await client.PostAsync($"/api/v1/campaigns/{first}/start", null));
        var done = await CampaignTests.StatusAsync(client, first, "finished");
        var second = (await CampaignTests.CreateAsync(client, group, rate: 200)).GetProperty("id").GetString()!;
        await OkAsync(await client.PostAsync($"/api/v1/campaigns/{second}/start", null));
        var skipped = await CampaignTests.StatusAsync(client, second, "finished");
        var report = (await client.GetStringAsync($"/api/v1/campaigns/{first}/report.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var list = await OkAsync(await client.GetAsync("/api/v1/campaigns"));

        Assert.Equal((50, 49, 1), (done.GetProperty("counts").GetProperty("total").GetInt32(), done.GetProperty("counts").GetProperty("submitted").GetInt32(),
            done.GetProperty("counts").GetProperty("optedOut").GetInt32()));
        Assert.Equal(49, skipped.GetProperty("counts").GetProperty("skippedByReason").GetProperty("recently-contacted").GetInt32());
        Assert.Equal(51, report.Length);
        Assert.Equal([second, first], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
    }
}
