using System.Net;
using System.Net.Http.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Local mode only when asked: without <c>LocalMode:Enabled</c> nothing is seeded or printed and the simulator
/// endpoint and API reference are not there, even with a demo key configured; with it, the demo account has one
/// key however often the host starts, and the simulator endpoint reaches only the caller's own numbers.
/// </summary>
public class LocalModeTests
{
    [Fact]
    public async Task Without_local_mode_a_configured_demo_key_seeds_nothing_and_the_simulator_endpoint_is_not_there()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["LocalMode:Enabled"] = "false",
            ["Smpp:Simulator:Enabled"] = "false",
        });

        var demoKey = await host.Client().GetAsync("/api/v1/account");
        var moderatorKey = await host.Client(EngineHost.ModeratorKey).GetAsync("/api/v1/moderation/items");
        var simulator = await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "2401", text = "DEMO hei" });
        var reference = await host.Client(null).GetAsync("/api-reference/index.html");
        var document = await host.Client(null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, demoKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, moderatorKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, simulator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Empty(host.Simulators.Running);
    }

    [Fact]
    public async Task The_demo_account_keeps_exactly_one_key_across_starts()
    {
        var database = TestDatabase.Sqlite();
        await using (var first = await EngineHost.StartAsync(database, new Dictionary<string, string?> { ["Demo:ApiKey"] = "first-demo-key-0123456789" }))
            Assert.Equal(HttpStatusCode.OK, (await first.Client("first-demo-key-0123456789").GetAsync("/api/v1/account")).StatusCode);

        await using var second = await EngineHost.StartAsync(database, new Dictionary<string, string?> { ["Demo:ApiKey"] = "second-demo-key-0123456789" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Client("first-demo-key-0123456789").GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Client("second-demo-key-0123456789").GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task The_simulator_endpoint_reaches_only_the_callers_own_numbers_and_keywords()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        var created = await (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "other", name = "Other AS" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var other = host.Client(created.GetProperty("apiKey").GetString());

        var ownNumber = await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "+4790000001", text = "hei" });
        var ownKeyword = await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "2401", text = "demo hei" });
        var othersNumber = await other.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "+4790000001", text = "hei" });
        var noKeywordThere = await other.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "2401", text = "ANNET hei" });
        (await other.PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "ANNET" })).EnsureSuccessStatusCode();
        var itsOwnKeyword = await other.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "2401", text = "annet hei" });
        var othersKeyword = await other.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "2401", text = "«Demo» hei" });

        Assert.Equal(HttpStatusCode.Accepted, ownNumber.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, ownKeyword.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersNumber.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noKeywordThere.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, itsOwnKeyword.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersKeyword.StatusCode);
        Assert.Contains("\"to\"", await othersKeyword.Content.ReadAsStringAsync());
    }
}
