using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Abuse limits end to end, over the real API, real SMPP (the simulators) and a real database: the held-item cap,
/// the paged moderation queue, a batch split at the monthly limit, and a suspended account's backlog.
/// </summary>
public class AbuseLimitTests
{
    private static async Task<HttpResponseMessage> SendAsync(EngineHost host, string text, params string[] to) =>
        await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text });

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> MessageAsync(EngineHost host, string id) =>
        await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");

    private static async Task<List<string>> HistoryAsync(EngineHost host, string id) =>
        (await MessageAsync(host, id)).GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("status").GetString()} {h.GetProperty("detail").GetString()}").ToList();

    [Fact]
    public async Task Sends_past_the_held_item_cap_get_429_with_retry_after_and_the_reason_and_ordinary_sends_still_go()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["Abuse:MaxHeldItems"] = "2",
            ["Abuse:HeldRetryAfter"] = "00:02:00",
        });

        var first = await SendAsync(host, "Se svindel.com/1", "91234567");
        var second = await SendAsync(host, "Se svindel.com/2", "91234567");
        var third = await SendAsync(host, "Se svindel.com/3", "91234567");
        var ordinary = await SendAsync(host, "Hei", "91234567");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("120", third.Headers.GetValues("Retry-After").Single());
        var problem = await JsonOf(third);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("waiting for review (at most 2)", problem.GetProperty("errors").GetProperty("account")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, ordinary.StatusCode);
        var queue = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/moderation/items");
        Assert.Equal(2, queue.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_moderation_queue_is_paged_by_cursor_oldest_or_newest_first_and_filtered_by_account()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(host, $"Se svindel.com/{i}", "91234567")).StatusCode);

        async Task<List<string>> AllAsync(string query)
        {
            var previews = new List<string>();
            string? cursor = null;
            do
            {
                var page = await moderator.GetFromJsonAsync<JsonElement>($"/api/v1/moderation/items?{query}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
                Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
                previews.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("preview").GetString()!));
                cursor = page.GetProperty("nextCursor").GetString();
            } while (cursor is not null);
            return previews;
        }

        var oldest = await AllAsync("order=oldest");
        var newest = await AllAsync("order=newest&account=demo");
        var otherAccount = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?account=nobody");

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Se svindel.com/{i}"), oldest);
        Assert.Equal(oldest.AsEnumerable().Reverse(), newest);
        Assert.Equal(0, otherAccount.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync("/api/v1/moderation/items?limit=501")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync("/api/v1/moderation/items?order=sideways")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.GetAsync("/api/v1/moderation/items?cursor=not-a-cursor")).StatusCode);
    }

    [Fact]
    public async Task A_batch_crossing_the_monthly_limit_sends_exactly_the_remaining_segments_and_holds_the_rest_as_one_item()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await using var feed = await StatusFeed.ConnectAsync(host);
        var moderator = host.Client(EngineHost.ModeratorKey);
        Assert.Equal(HttpStatusCode.OK, (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { monthlySegments = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(host, "Første", "41234560", "41234561", "41234562")).StatusCode);
        await feed.DeliveredAsync(3);

        // 3 of 5 segments used; 4 one-segment messages cross the limit by 2.
        var batch = await JsonOf(await SendAsync(host, "Andre", "91234560", "91234561", "91234562", "91234563"));
        var statuses = batch.GetProperty("messages").EnumerateArray().Select(m => (To: m.GetProperty("to").GetString()!, Status: m.GetProperty("status").GetString()!)).ToList();
        var items = (await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?rule=monthly-limit")).GetProperty("items");
        await feed.DeliveredAsync(2);
        // With the limit raised, a marker to the held recipients reaches the SMSC: had they been let go, they would be there before it.
        Assert.Equal(HttpStatusCode.OK, (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { monthlySegments = 1000 })).StatusCode);
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234562", "91234563");

        Assert.Equal(["accepted", "accepted", "held", "held"], statuses.Select(s => s.Status));
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(2, item.GetProperty("messageCount").GetInt32());
        Assert.Contains("2 of 4 messages", item.GetProperty("details").GetString());
        var submitted = SmscTraffic.Submits(host).Where(s => s.Text == "Andre").Select(s => s.To).Order().ToList();
        Assert.Equal(["4791234560", "4791234561"], submitted);
        Assert.Equal(2, SmscTraffic.Submits(host).Count(s => s.Text == marker));
        var usage = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");
        Assert.Equal(5 + 2, usage.GetProperty("monthToDate").GetProperty("segments").GetInt64()); // the marker counts too
    }

    [Fact]
    public async Task A_suspended_accounts_backlog_waits_unsent_until_resumed_and_approving_a_domain_meanwhile_releases_nothing()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await using var feed = await StatusFeed.ConnectAsync(host);
        var moderator = host.Client(EngineHost.ModeratorKey);
        var link = (await JsonOf(await SendAsync(host, "Se butikk.no/tilbud", "41234567"))).GetProperty("messages")[0].GetProperty("id").GetString()!;
        // One message a second: a backlog builds up in the account's lane.
        Assert.Equal(HttpStatusCode.OK, (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 1 })).StatusCode);
        string[] recipients = ["91234560", "91234561", "91234562", "91234563", "91234564", "91234565"];
        var ids = (await JsonOf(await SendAsync(host, "Kø", recipients))).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync("/api/v1/accounts/demo/suspend", new { reason = "klager" })).StatusCode);
        // Every message of the backlog either left before the suspension or is parked (its history says so).
        var parked = await Poll.UntilAsync(async () =>
        {
            var histories = await Task.WhenAll(ids.Select(async id => (Id: id, History: await HistoryAsync(host, id))));
            if (!histories.All(h => h.History.Any(s => s.StartsWith("submitted")) || h.History.Any(s => s.Contains("suspended"))))
                return null;
            return histories.Where(h => h.History.Any(s => s.Contains("suspended"))).Select(h => h.Id).ToList();
        }, "every message submitted or parked");
        var approved = await JsonOf(await moderator.PostAsJsonAsync("/api/v1/accounts/demo/approved-domains", new { domain = "butikk.no" }));
        // Parked messages leave only on resume: what the SMSC has now is all it gets while suspended.
        var beforeResume = SmscTraffic.Submits(host).Where(s => s.Text == "Kø").ToList();

        var resumed = await JsonOf(await moderator.PostAsJsonAsync("/api/v1/accounts/demo/resume", new { }));
        var delivered = await feed.DeliveredAsync(ids.Count + 1);

        Assert.NotEmpty(parked);
        Assert.Equal(ids.Count - parked.Count, beforeResume.Count);
        Assert.Equal(0, approved.GetProperty("released").GetArrayLength());
        Assert.Single(resumed.GetProperty("released").EnumerateArray());
        Assert.Contains(link, delivered);
        Assert.All(ids, id => Assert.Contains(id, delivered));
        Assert.Equal(recipients.Select(r => "47" + r).Order(), SmscTraffic.Submits(host).Where(s => s.Text == "Kø").Select(s => s.To).Order());
        foreach (var id in parked)
        {
            var history = await HistoryAsync(host, id);
            Assert.True(history.FindIndex(s => s.Contains("suspended")) < history.FindIndex(s => s.StartsWith("submitted")), string.Join(" | ", history));
            Assert.DoesNotContain(history, s => s.StartsWith("rejected") || s.StartsWith("failed"));
        }
    }
}
