using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A campaign's live progress after its last recipient was handed over: the operators' receipts keep coming, and its
/// followers keep getting them. The simulators here answer receipts 3 s after a submit, well after the campaign finished.
/// </summary>
public class CampaignProgressTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Smpp:Simulator:ReceiptDelayMs"] = "3000" });
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Followers_keep_getting_progress_after_the_finish_until_every_receipt_is_in_with_the_rate_while_it_sends()
    {
        var client = _host.Client();
        var group = await CampaignTests.ImportAsync(client, "Kvittering", 20, 41);
        var id = (await CampaignTests.CreateAsync(client, group, rate: 200)).GetProperty("id").GetString()!;
        await using var hub = await _host.ConnectCampaignsHubAsync();
        var updates = new List<JsonElement>();
        var settled = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("CampaignProgress", update =>
        {
            lock (updates)
                updates.Add(update);
            if (update.GetProperty("counts").GetProperty("delivered").GetInt32() == 20)
                settled.TrySetResult(update);
        });
        await hub.InvokeAsync<JsonElement>("Follow", id);

        await OkAsync(await client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        var last = await settled.Task.WaitAsync(Long);

        Assert.Equal("finished", last.GetProperty("status").GetString());
        Assert.Equal(0, last.GetProperty("counts").GetProperty("awaitingReceipt").GetInt32());
        lock (updates)
        {
            // Finished with receipts still out, then pushed on as they came.
            Assert.Contains(updates, u => u.GetProperty("status").GetString() == "finished" && u.GetProperty("counts").GetProperty("awaitingReceipt").GetInt32() > 0);
            Assert.Contains(updates, u => u.GetProperty("messagesPerSecond").GetDouble() > 0);
        }
    }
}
