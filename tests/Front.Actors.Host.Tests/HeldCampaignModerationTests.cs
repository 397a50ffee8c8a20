using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A campaign a misuse rule holds is one item in the moderators' queue (kind campaign), read from the campaign journal:
/// approving it runs the campaign to the SMSC, rejecting it cancels it, and either way it leaves every moderator's queue live.
/// </summary>
public class HeldCampaignModerationTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private const string Text = "Hei {fornavn|kunde}, vårsalg nå!";
    private EngineHost _host = null!;

    private HttpClient Client => _host.Client();

    private HttpClient Moderator => _host.Client(EngineHost.ModeratorKey);

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        // A bulk threshold of 5: a 12-recipient campaign is held as a bulk send.
        await OkAsync(await Moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 200, monthlySegments = 1_000_000, bulkThreshold = 5 }));
        SmscTraffic.Record(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Creates and starts a 12-recipient campaign to 47&lt;prefix&gt;xxxxxx; answers its id once it is held.</summary>
    private async Task<string> StartHeldCampaignAsync(int prefix)
    {
        var group = await CampaignTests.ImportAsync(Client, $"Gruppe{prefix}", 12, prefix);
        var id = (await CampaignTests.CreateAsync(Client, group, rate: 100, Text)).GetProperty("id").GetString()!;
        var started = await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        Assert.Equal("held", started.GetProperty("status").GetString());
        return id;
    }

    private async Task<JsonElement?> QueueItemAsync(string id) =>
        (await Moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items")).GetProperty("items").EnumerateArray()
            .Select(i => (JsonElement?)i).FirstOrDefault(i => i!.Value.GetProperty("id").GetString() == id);

    private int SubmitsTo(int prefix) => SmscTraffic.Submits(_host).Count(s => s.To.TrimStart('+').StartsWith($"47{prefix}", StringComparison.Ordinal));

    [Fact]
    public async Task A_held_campaign_is_a_campaign_item_in_the_queue_and_approving_it_runs_it_to_the_smsc()
    {
        await using var moderators = await _host.ConnectModerationHubAsync();
        var held = Channel.CreateUnbounded<HeldItemUpdate>();
        var decided = Channel.CreateUnbounded<ItemDecision>();
        moderators.On<HeldItemUpdate>(nameof(IModerationClient.ItemHeld), i => held.Writer.TryWrite(i));
        moderators.On<ItemDecision>(nameof(IModerationClient.ItemDecided), d => decided.Writer.TryWrite(d));

        var id = await StartHeldCampaignAsync(45);
        var pushed = await held.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var item = await Poll.UntilValueAsync(() => QueueItemAsync(id), $"campaign {id} in the queue", Limit);
        var approved = await OkAsync(await Moderator.PostAsJsonAsync($"/api/v1/moderation/items/{id}/approve", new { reason = "kjent kunde" }));
        var decision = await decided.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var afterwards = await QueueItemAsync(id);
        var again = await Moderator.PostAsJsonAsync($"/api/v1/moderation/items/{id}/approve", new { reason = "igjen" });
        var finished = await CampaignTests.StatusAsync(Client, id, "finished", Limit);
        await Poll.UntilValueAsync(() => Task.FromResult(SubmitsTo(45) >= 12 ? true : (bool?)null), "12 submits", Limit);
        var audit = (await Moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=moderation.approve")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal((id, "campaign", "demo", "bulk-send", 12, Text), (pushed.Id, pushed.Kind, pushed.AccountId, pushed.Rule, pushed.MessageCount, pushed.Preview));
        Assert.Equal(("campaign", "demo", "bulk-send", 12, Text), (item.GetProperty("kind").GetString(), item.GetProperty("accountId").GetString(),
            item.GetProperty("rule").GetString(), item.GetProperty("messageCount").GetInt32(), item.GetProperty("preview").GetString()));
        Assert.Contains("12", item.GetProperty("details").GetString());
        Assert.True(item.GetProperty("heldAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(("approved", "demo"), (approved.GetProperty("decision").GetString(), approved.GetProperty("accountId").GetString()));
        Assert.Equal((id, "approved", "demo-moderator", "kjent kunde"), (decision.Id, decision.Decision, decision.Moderator, decision.Reason));
        Assert.Null(afterwards);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(12, finished.GetProperty("counts").GetProperty("submitted").GetInt32());
        Assert.Equal(12, SubmitsTo(45));
        Assert.Contains(SmscTraffic.Submits(_host), s => s.Text == "Hei Kari3, vårsalg nå!");
        Assert.Contains(audit, a => a.GetProperty("target").GetString()!.Contains(id) && a.GetProperty("accountId").GetString() == "demo");
    }

    [Fact]
    public async Task Rejecting_held_campaigns_in_bulk_with_a_reason_cancels_them_and_takes_them_out_of_the_queue()
    {
        await using var moderators = await _host.ConnectModerationHubAsync();
        var decided = Channel.CreateUnbounded<ItemDecision>();
        moderators.On<ItemDecision>(nameof(IModerationClient.ItemDecided), d => decided.Writer.TryWrite(d));
        var id = await StartHeldCampaignAsync(46);
        await Poll.UntilValueAsync(() => QueueItemAsync(id), $"campaign {id} in the queue", Limit);

        var missingReason = await Moderator.PostAsJsonAsync("/api/v1/moderation/items/reject", new { ids = new[] { id } });
        var rejected = await OkAsync(await Moderator.PostAsJsonAsync("/api/v1/moderation/items/reject", new { ids = new[] { id }, reason = "svindel" }));
        var decision = await decided.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var campaign = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}"));
        var audit = (await Moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=moderation.reject")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.Equal("rejected", rejected.GetProperty("results")[0].GetProperty("outcome").GetString());
        Assert.Equal((id, "rejected", "svindel"), (decision.Id, decision.Decision, decision.Reason));
        Assert.Equal("cancelled", campaign.GetProperty("status").GetString());
        Assert.Null(await QueueItemAsync(id));
        Assert.Contains(audit, a => a.GetProperty("target").GetString()!.Contains(id));
        Assert.Equal(0, SubmitsTo(46));
    }

    [Fact]
    public async Task A_held_campaign_the_customer_cancels_leaves_the_queue_pushed_as_cancelled_not_rejected()
    {
        await using var moderators = await _host.ConnectModerationHubAsync();
        var decided = Channel.CreateUnbounded<ItemDecision>();
        moderators.On<ItemDecision>(nameof(IModerationClient.ItemDecided), d => decided.Writer.TryWrite(d));
        var id = await StartHeldCampaignAsync(47);
        await Poll.UntilValueAsync(() => QueueItemAsync(id), $"campaign {id} in the queue", Limit);

        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null));
        var decision = await decided.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        await Poll.UntilValueAsync(async () => await QueueItemAsync(id) is null ? true : (bool?)null, $"campaign {id} out of the queue", Limit);

        Assert.Equal((id, "cancelled", "demo"), (decision.Id, decision.Decision, decision.AccountId));
        Assert.Equal(0, SubmitsTo(47));
    }
}
