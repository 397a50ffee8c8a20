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

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_campaign_with_a_list_and_an_opt_out_footer_snapshots_and_sends_on_each_database(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var client = host.Client();
        await OkAsync(await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 500, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        var group = await CampaignTests.ImportAsync(client, "Lager", 20, 47);
        var numbers = Enumerable.Range(10, 2_000).Select(i => $"48{i:D6}").Append("47000001").Append("99").ToArray(); // more than a page; a repeat; an invalid one

        var created = await OkAsync(await client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Liste", from = "Front", text = "Hei {fornavn|kunde}!", groups = new[] { group }, numbers, messagesPerSecond = 500, optOutFooter = true }),
            System.Net.HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        await OkAsync(await client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        var done = (await CampaignTests.StatusAsync(client, id, "finished")).GetProperty("counts");
        var report = (await client.GetStringAsync($"/api/v1/campaigns/{id}/report.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2_020, created.GetProperty("estimate").GetProperty("recipients").GetInt32());
        Assert.Equal((2_022, 2_020), (done.GetProperty("total").GetInt32(), done.GetProperty("submitted").GetInt32()));
        Assert.Equal((1, 1), (done.GetProperty("skippedByReason").GetProperty("duplicate").GetInt32(), done.GetProperty("skippedByReason").GetProperty("invalid-number").GetInt32()));
        Assert.Equal(2_023, report.Length);
        Assert.Equal(2_022, report.Skip(1).Count(l => l.Split(',')[2] == "") + 20); // list recipients have no contact id
    }
}
