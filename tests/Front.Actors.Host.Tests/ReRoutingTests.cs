using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Front.Actors.Domain.Routing;
using Front.Actors.Host.Hubs;
using Front.Actors.SmscSimulator;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>Binds that are down or drop mid-send: messages are re-routed or resubmitted, never lost.</summary>
public class ReRoutingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task When_the_home_operators_bind_is_down_another_operator_carries_the_message_as_roaming()
    {
        using var smscSystem = ActorSystem.Create("telia-smsc");
        var telia = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(20) });
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["Smpp:Simulator:Enabled"] = "false",
            ["Smpp:Binds:0:Name"] = "telenor-1", ["Smpp:Binds:0:Operator"] = "Telenor",
            ["Smpp:Binds:0:Host"] = "127.0.0.1", ["Smpp:Binds:0:Port"] = "1", ["Smpp:Binds:0:SystemId"] = "front",
            ["Smpp:Binds:1:Name"] = "telia-1", ["Smpp:Binds:1:Operator"] = "Telia",
            ["Smpp:Binds:1:Host"] = "127.0.0.1", ["Smpp:Binds:1:Port"] = telia.Port.ToString(), ["Smpp:Binds:1:SystemId"] = "front",
            ["Smpp:Binds:1:SubmitIdFormat"] = "Hex", ["Smpp:Binds:1:ReceiptIdFormat"] = "Decimal",
        });
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);

        var sent = await (await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Via Telia" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = sent.GetProperty("messages")[0].GetProperty("id").GetString()!;
        await feed.DeliveredAsync(1);

        var message = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");
        Assert.Equal("telia", message.GetProperty("operator").GetString());
        var queued = message.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("status").GetString() == "queued");
        Assert.Contains("roaming from Telenor", queued.GetProperty("detail").GetString());
        Assert.Equal(29 + 8, message.GetProperty("priceOre").GetInt64()); // Telia's price and the roaming fee
        Assert.Equal("4791234567", Assert.Single(telia.AcceptedSubmits).Pdu.DestinationAddr);
        await telia.StopAsync();
    }

    [Fact]
    public async Task A_bind_that_drops_mid_send_loses_nothing()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var telenor = host.Simulators.For(Operator.Telenor)!;
        telenor.Configure(o => o with { DropLinkAfterSubmits = 7 });
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);

        var recipients = Enumerable.Range(0, 30).Select(i => $"9{1000000 + i}").ToArray();
        var sent = await (await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = recipients, text = "Alle skal fram" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var ids = sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
        var delivered = await feed.DeliveredAsync(ids.Count);

        Assert.Equal(30, ids.Count);
        Assert.Equal(ids, delivered);
        Assert.True(telenor.Counters.LinksDropped >= 1);
    }
}
