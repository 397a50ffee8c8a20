using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Campaigns end to end on the real host: contacts imported over HTTP, the campaign's messages through the engine's intake
/// and the real SMPP binds to the built-in simulators, counted at the SMSC.
/// </summary>
public class CampaignTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private EngineHost _host = null!;

    private HttpClient Client => _host.Client();

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        // A rate and a month large enough for the campaigns here; the bulk threshold stays, so a large campaign is held.
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 500 }));
        SmscTraffic.Record(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Imports <paramref name="count"/> numbers <paramref name="prefix"/>xxxxxx (a mobile series: 41, 45…48) into a new group; answers its id.</summary>
    internal static async Task<string> ImportAsync(HttpClient client, string group, int count, int prefix)
    {
        var csv = new StringBuilder("number;fornavn\n");
        for (var i = 0; i < count; i++)
            csv.Append($"{prefix:D2}{i:D6};Kari{i}\n");
        var body = await OkAsync(await client.PostAsync($"/api/v1/contacts/import?group={group}", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")));
        Assert.True(count == body.GetProperty("added").GetInt32(), body.ToString()[..Math.Min(500, body.ToString().Length)]);
        return body.GetProperty("groupId").GetString()!;
    }

    internal static async Task<JsonElement> CreateAsync(HttpClient client, string group, int rate, string text = "Hei {fornavn|kunde}, vårsalg nå!") =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/campaigns", new { name = "Vårsalg", from = "Front", text, groups = new[] { group }, messagesPerSecond = rate }),
            HttpStatusCode.Created);

    internal static async Task<JsonElement> StatusAsync(HttpClient client, string id, string status, TimeSpan? limit = null) =>
        await Poll.UntilValueAsync(async () =>
        {
            var campaign = await OkAsync(await client.GetAsync($"/api/v1/campaigns/{id}"));
            return campaign.GetProperty("status").GetString() == status ? campaign : (JsonElement?)null;
        }, $"campaign {id} {status}", limit ?? Long);

    private Dictionary<string, int> SubmitsByNumber(string prefix) =>
        SmscTraffic.Submits(_host).Where(s => s.To.TrimStart('+').StartsWith("47" + prefix, StringComparison.Ordinal))
            .GroupBy(s => s.To.TrimStart('+')).ToDictionary(g => g.Key, g => g.Count());

    private async Task WaitForSubmitsAsync(string prefix, int count) =>
        await Poll.UntilValueAsync(() => Task.FromResult(SubmitsByNumber(prefix).Values.Sum() >= count ? true : (bool?)null), $"{count} submits to 47{prefix}…", Long);

    [Fact]
    public async Task The_report_totals_delivery_and_cost_per_operator_and_deliveries_per_minute_match_the_recipients()
    {
        var group = await ImportAsync(Client, "Rapport", 30, 48);
        var id = (await CreateAsync(Client, group, rate: 100)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        await StatusAsync(Client, id, "finished");
        await Poll.UntilValueAsync(async () =>
        {
            var campaign = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}"));
            return campaign.GetProperty("counts").GetProperty("delivered").GetInt64() == 30 ? true : (bool?)null;
        }, "30 delivered", Long);

        var report = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}/report"));
        var operators = report.GetProperty("operators").EnumerateArray().ToList();
        var csvLines = (await Client.GetStringAsync($"/api/v1/campaigns/{id}/report.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var csvCost = csvLines.Sum(line => long.Parse(line.Split(',')[9]));

        Assert.Equal(30, report.GetProperty("counts").GetProperty("delivered").GetInt64());
        Assert.Equal(30, operators.Sum(o => o.GetProperty("messages").GetInt64()));
        Assert.Equal(30, operators.Sum(o => o.GetProperty("delivered").GetInt64()));
        Assert.All(operators, o => Assert.Contains(o.GetProperty("operator").GetString(), new[] { "telenor", "telia", "ice" }));
        // Named alike in both: the CSV's operator column is the JSON's.
        Assert.Equal(operators.Select(o => o.GetProperty("operator").GetString()).Order(), csvLines.Select(line => line.Split(',')[8]).Distinct().Order());
        Assert.Equal(csvCost, report.GetProperty("costOre").GetInt64());
        Assert.True(csvCost > 0);
        Assert.Equal(csvCost, operators.Sum(o => o.GetProperty("costOre").GetInt64()));
        Assert.Equal(30, report.GetProperty("overTime").EnumerateArray().Sum(m => m.GetProperty("delivered").GetInt64()));
        Assert.Empty(report.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task A_10000_recipient_campaign_reaches_the_simulator_exactly_once_per_recipient()
    {
        var group = await ImportAsync(Client, "Alle", 10_000, 41);
        var created = await CreateAsync(Client, group, rate: 1000);
        var estimate = created.GetProperty("estimate");
        Assert.Equal(10_000, estimate.GetProperty("recipients").GetInt32());
        Assert.True(estimate.GetProperty("costOre").GetInt64() > 0);
        var id = created.GetProperty("id").GetString()!;

        // 10,000 recipients are above the bulk threshold (500): held as one item until a moderator approves it.
        var held = await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal("bulk-send", held.GetProperty("hold").GetProperty("rule").GetString());
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/campaigns/{id}/approve", new { reason = "kjent kunde" }));

        var finished = await StatusAsync(Client, id, "finished");
        await WaitForSubmitsAsync("41", 10_000);
        var byNumber = SubmitsByNumber("41");

        Assert.Equal(10_000, finished.GetProperty("counts").GetProperty("submitted").GetInt32());
        Assert.Equal(10_000, byNumber.Count);
        Assert.All(byNumber, n => Assert.Equal(1, n.Value));
        Assert.Contains(SmscTraffic.Submits(_host), s => s.Text == "Hei Kari17, vårsalg nå!");
    }

    [Fact]
    public async Task Pause_stops_the_campaign_live_and_resume_sends_the_rest_exactly_once()
    {
        var group = await ImportAsync(Client, "Pause", 400, 45);
        var id = (await CreateAsync(Client, group, rate: 20)).GetProperty("id").GetString()!;
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        Assert.Equal("running", (await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null))).GetProperty("status").GetString());
        await WaitForSubmitsAsync("45", 20);

        Assert.Equal("paused", (await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/pause", null))).GetProperty("status").GetString());
        // What was handed over before the pause is recorded and reaches the SMSC; an ordinary message sent after it passes
        // the same lanes, so once it is there nothing of the campaign is still on its way.
        await SmscTraffic.DrainAsync(_host, "Front", "+4799999999");
        var paused = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}"));
        var submittedAtPause = paused.GetProperty("counts").GetProperty("submitted").GetInt32();
        await SmscTraffic.DrainAsync(_host, "Front", "+4799999998");
        Assert.Equal(submittedAtPause, SubmitsByNumber("45").Values.Sum());
        Assert.True(submittedAtPause < 400, $"all sent before the pause took effect ({submittedAtPause})");

        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/resume", null));
        await StatusAsync(Client, id, "finished");
        await WaitForSubmitsAsync("45", 400);
        var byNumber = SubmitsByNumber("45");
        Assert.Equal(400, byNumber.Count);
        Assert.All(byNumber, n => Assert.Equal(1, n.Value));
    }

    [Fact]
    public async Task Opted_out_and_recently_contacted_recipients_are_skipped_and_counted()
    {
        var group = await ImportAsync(Client, "Skip", 5, 46);
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        await OkAsync(await Client.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4746000000", to = "2401", text = "STOPP DEMO" }), HttpStatusCode.Accepted);
        await Poll.UntilValueAsync(async () =>
            (await OkAsync(await Client.GetAsync("/api/v1/accounts/demo/opt-outs"))).GetProperty("items").EnumerateArray().Any() ? true : (bool?)null, "the opt-out");

        var first = (await CreateAsync(Client, group, rate: 50)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{first}/start", null));
        var firstDone = await StatusAsync(Client, first, "finished");
        var second = (await CreateAsync(Client, group, rate: 50)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{second}/start", null));
        var secondDone = await StatusAsync(Client, second, "finished");

        var counts = firstDone.GetProperty("counts");
        Assert.Equal((5, 1, 1, 4), (counts.GetProperty("total").GetInt32(), counts.GetProperty("skipped").GetInt32(), counts.GetProperty("optedOut").GetInt32(),
            counts.GetProperty("submitted").GetInt32()));
        var again = secondDone.GetProperty("counts");
        Assert.Equal(0, again.GetProperty("submitted").GetInt32());
        Assert.Equal(4, again.GetProperty("skippedByReason").GetProperty("recently-contacted").GetInt32());
        Assert.Equal(1, again.GetProperty("skippedByReason").GetProperty("opted-out").GetInt32());
        var report = await Client.GetStringAsync($"/api/v1/campaigns/{second}/report.csv");
        Assert.Equal(6, report.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("+4746000000,", report.Split("\r\n").Single(l => l.Contains("opted-out")));
    }

    [Fact]
    public async Task Replies_count_recipients_who_wrote_back_to_the_campaigns_number_after_their_message()
    {
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        var group = await ImportAsync(Client, "Svar", 4, 47);
        var threads = _host.Services.GetRequiredService<Front.Actors.Engine.Storage.ConversationStore>();
        var demoNumber = Front.Actors.Host.Startup.EngineService.DemoNumber;
        // Sends a message from the contact through the simulator and waits until its thread shows it.
        async Task SendInboundAsync(string from, string text, int messagesInThread)
        {
            await OkAsync(await Client.PostAsJsonAsync("/api/v1/simulator/inbound", new { from, to = demoNumber, text }), HttpStatusCode.Accepted);
            var thread = Front.Actors.Engine.Conversations.ConversationIds.For("demo", demoNumber, from);
            await Poll.UntilValueAsync(async () => (await threads.MessagesAsync(thread, 0, 100)).Count(m => m.Direction == "in") >= messagesInThread ? true : (bool?)null,
                $"{from}'s message in its thread");
        }

        // Written before the campaign: not a reply to it.
        await SendInboundAsync("+4747000000", "Hei, har dere åpent i dag?", 1);
        var id = (await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Svar", from = demoNumber, text = "Hei {fornavn}! Svar JA for tilbud.", groups = new[] { group }, messagesPerSecond = 50 }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        Assert.Equal(0, (await StatusAsync(Client, id, "finished")).GetProperty("counts").GetProperty("replies").GetInt32());
        await WaitForSubmitsAsync("47", 4);

        await SendInboundAsync("+4747000001", "JA", 1);
        await SendInboundAsync("+4747000002", "JA takk", 1);
        await SendInboundAsync("+4747000002", "Og en til", 2); // two messages from one recipient: one reply
        var counts = (await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}"))).GetProperty("counts");
        Assert.Equal((4, 2), (counts.GetProperty("submitted").GetInt32(), counts.GetProperty("replies").GetInt32()));
        var report = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}/report"));
        Assert.Equal(2, report.GetProperty("counts").GetProperty("replies").GetInt32());
    }

    [Fact]
    public async Task Followers_of_a_campaign_get_its_progress_pushed_until_it_finishes()
    {
        var group = await ImportAsync(Client, "Live", 60, 41);
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        var id = (await CreateAsync(Client, group, rate: 30)).GetProperty("id").GetString()!;
        await using var hub = await _host.ConnectCampaignsHubAsync();
        var updates = new List<JsonElement>();
        var finished = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("CampaignProgress", update =>
        {
            lock (updates)
                updates.Add(update);
            if (update.GetProperty("status").GetString() == "finished" && update.GetProperty("counts").GetProperty("submitted").GetInt32() == 60)
                finished.TrySetResult(update);
        });

        var now = await hub.InvokeAsync<JsonElement>("Follow", id);
        Assert.Equal("draft", now.GetProperty("status").GetString());
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        var last = await finished.Task.WaitAsync(Long);

        Assert.Equal(60, last.GetProperty("counts").GetProperty("total").GetInt32());
        lock (updates)
            Assert.Contains(updates, u => u.GetProperty("status").GetString() == "running");
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync<JsonElement>("Follow", "cmp_not_ours"));
    }

    [Fact]
    public async Task Bad_campaigns_are_refused_naming_each_field()
    {
        var group = await ImportAsync(Client, "Feil", 2, 47);
        var errors = await ProblemAsync(await Client.PostAsJsonAsync("/api/v1/campaigns", new
        {
            name = "Feil", from = "Front", text = "Hei {skonummer}!", groups = Array.Empty<string>(), messagesPerSecond = 5000, startAt = "2020-01-01T10:00:00Z",
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["groups", "messagesPerSecond", "startAt", "text"], errors.Keys.Order());
        Assert.Contains("unknown merge field", errors["text"][0]);

        var empty = (await OkAsync(await Client.PostAsJsonAsync("/api/v1/groups", new { name = "Tom" }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var emptyErrors = await ProblemAsync(await Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "Tom", from = "Front", text = "Hei", groups = new[] { empty }, messagesPerSecond = 5 }),
            HttpStatusCode.BadRequest);
        Assert.Contains("empty", emptyErrors["groups"][0]);

        var id = (await CreateAsync(Client, group, rate: 5)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/cancel", null));
        var startCancelled = await ProblemAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null), HttpStatusCode.Conflict);
        Assert.Contains("cancelled", startCancelled["status"][0]);
        await ProblemAsync(await Client.GetAsync("/api/v1/campaigns/cmp_nope"), HttpStatusCode.NotFound);
    }

    private async Task<int> OptOutsAsync() =>
        (await OkAsync(await Client.GetAsync("/api/v1/accounts/demo/opt-outs"))).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task The_opt_out_footer_reaches_every_recipient_and_a_stopp_sent_back_by_its_words_keeps_the_number_out_of_later_campaigns()
    {
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        await OkAsync(await Client.PutAsJsonAsync("/api/v1/accounts/demo/campaign-settings", new { frequencyHours = 0 })); // only the opt-out may skip anyone
        var group = await ImportAsync(Client, "Fot", 5, 46);

        // The estimate counts the footer: a text of one segment becomes two with it.
        var longText = "Hei {fornavn|kunde}! " + new string('A', 130);
        var without = await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns", new { name = "Lang", from = "Front", text = longText, groups = new[] { group }, messagesPerSecond = 50 }),
            HttpStatusCode.Created);
        var with = await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Lang", from = "Front", text = longText, groups = new[] { group }, messagesPerSecond = 50, optOutFooter = true }), HttpStatusCode.Created);
        Assert.Equal(5, without.GetProperty("estimate").GetProperty("segments").GetInt32());
        Assert.Equal(10, with.GetProperty("estimate").GetProperty("segments").GetInt32());
        Assert.True(with.GetProperty("estimate").GetProperty("costOre").GetInt64() > without.GetProperty("estimate").GetProperty("costOre").GetInt64());

        var first = (await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Vårsalg", from = "Front", text = "Hei {fornavn|kunde}, vårsalg nå!", groups = new[] { group }, messagesPerSecond = 50, optOutFooter = true }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var shown = await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{first}"));
        Assert.True(shown.GetProperty("optOutFooter").GetBoolean());
        Assert.Equal("Reservér deg: send STOPP DEMO til 2401", shown.GetProperty("optOutFooterText").GetString());
        Assert.Equal("Hei {fornavn|kunde}, vårsalg nå!", shown.GetProperty("text").GetString());
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{first}/start", null));
        await StatusAsync(Client, first, "finished");
        await WaitForSubmitsAsync("46", 5);
        var texts = SmscTraffic.Submits(_host).Where(s => s.To.TrimStart('+').StartsWith("4746", StringComparison.Ordinal)).ToDictionary(s => s.To.TrimStart('+'), s => s.Text);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"4746{i:D6}").Order(), texts.Keys.Order());
        Assert.All(texts, t => Assert.Equal($"Hei Kari{int.Parse(t.Key[4..])}, vårsalg nå!\nReservér deg: send STOPP DEMO til 2401", t.Value));

        // The recipient does what the footer says: its words, to its number, as a real deliver_sm from the simulator.
        var footer = System.Text.RegularExpressions.Regex.Match(texts["4746000003"], @"send (?<words>.+) til (?<to>\d+)$");
        Assert.True(footer.Success, texts["4746000003"]);
        var optOutsBefore = await OptOutsAsync();
        await OkAsync(await Client.PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4746000003", to = footer.Groups["to"].Value, text = footer.Groups["words"].Value }),
            HttpStatusCode.Accepted);
        await Poll.UntilValueAsync(async () => await OptOutsAsync() > optOutsBefore ? true : (bool?)null, "the opt-out");

        var second = (await CreateAsync(Client, group, rate: 50)).GetProperty("id").GetString()!;
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{second}/start", null));
        var done = (await StatusAsync(Client, second, "finished")).GetProperty("counts");
        // The campaigns' texts only: the opt-out's confirmation to the contact is an ordinary message.
        Dictionary<string, int> CampaignTexts() => SmscTraffic.Submits(_host).Where(s => s.To.TrimStart('+').StartsWith("4746", StringComparison.Ordinal) && s.Text.StartsWith("Hei Kari"))
            .GroupBy(s => s.To.TrimStart('+')).ToDictionary(g => g.Key, g => g.Count());
        await Poll.UntilValueAsync(() => Task.FromResult(CampaignTexts().Values.Sum() >= 9 ? true : (bool?)null), "9 campaign texts", Long);
        await SmscTraffic.DrainAsync(_host, "Front", "+4746000009"); // not to the opted-out number: it is refused
        var byNumber = CampaignTexts();

        Assert.Equal((5, 4, 1), (done.GetProperty("total").GetInt32(), done.GetProperty("submitted").GetInt32(), done.GetProperty("skippedByReason").GetProperty("opted-out").GetInt32()));
        Assert.Equal(1, byNumber["4746000003"]);
        Assert.All(byNumber.Where(n => n.Key != "4746000003"), n => Assert.Equal(2, n.Value));
    }

    [Fact]
    public async Task A_campaign_to_groups_and_a_list_reaches_the_simulator_once_per_distinct_valid_number()
    {
        await OkAsync(await _host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits",
            new { messagesPerSecond = 2000, monthlySegments = 10_000_000, bulkThreshold = 100_000 }));
        var group = await ImportAsync(Client, "Liste", 5, 47);
        // One repeat of a group's contact, one repeat within the list, one invalid number, one blank line (left out).
        string[] numbers = ["47000003", "+4748000001", "48 00 00 01", "123", "", "0047 48000003", "48000004"];

        var created = await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Liste", from = "Front", text = "Hei {fornavn|kunde}, vårsalg nå!", groups = new[] { group }, numbers, messagesPerSecond = 50 }), HttpStatusCode.Created);
        Assert.Equal(8, created.GetProperty("estimate").GetProperty("recipients").GetInt32());
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(6, (await OkAsync(await Client.GetAsync($"/api/v1/campaigns/{id}"))).GetProperty("listSize").GetInt32());
        await OkAsync(await Client.PostAsync($"/api/v1/campaigns/{id}/start", null));
        var counts = (await StatusAsync(Client, id, "finished")).GetProperty("counts");
        await Poll.UntilValueAsync(() => Task.FromResult(SubmitsByNumber("47").Values.Sum() + SubmitsByNumber("48").Values.Sum() >= 8 ? true : (bool?)null), "8 submits", Long);
        await SmscTraffic.DrainAsync(_host, "Front", "+4747000000", "+4748000001");
        var byNumber = SubmitsByNumber("47").Concat(SubmitsByNumber("48")).ToDictionary();

        Assert.Equal((11, 8), (counts.GetProperty("total").GetInt32(), counts.GetProperty("submitted").GetInt32()));
        Assert.Equal(2, counts.GetProperty("skippedByReason").GetProperty("duplicate").GetInt32());
        Assert.Equal(1, counts.GetProperty("skippedByReason").GetProperty("invalid-number").GetInt32());
        Assert.Equal(["4747000000", "4747000001", "4747000002", "4747000003", "4747000004", "4748000001", "4748000003", "4748000004"], byNumber.Keys.Order());
        // Once each, besides the two drain markers.
        Assert.All(byNumber, n => Assert.Equal(n.Key is "4747000000" or "4748000001" ? 2 : 1, n.Value));
        Assert.Contains(SmscTraffic.Submits(_host), s => s.To.TrimStart('+') == "4748000004" && s.Text == "Hei kunde, vårsalg nå!"); // a list's number: the default

        // A list alone is an audience; a list of nothing that may be texted is refused naming it.
        var alone = await OkAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Bare liste", from = "Front", text = "Hei", numbers = new[] { "41000001", "41000002" }, messagesPerSecond = 5 }), HttpStatusCode.Created);
        Assert.Equal(2, alone.GetProperty("estimate").GetProperty("recipients").GetInt32());
        var bad = await ProblemAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Feil", from = "Front", text = "Hei", numbers = new[] { "123", "abc" }, messagesPerSecond = 5 }), HttpStatusCode.BadRequest);
        Assert.Contains("empty", bad["numbers"][0]);
        var none = await ProblemAsync(await Client.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Feil", from = "Front", text = "Hei", numbers = Array.Empty<string>(), messagesPerSecond = 5 }), HttpStatusCode.BadRequest);
        Assert.Contains("at least one group", none["groups"][0]);
    }

    [Fact]
    public async Task An_opt_out_footer_is_refused_naming_it_when_the_account_has_nowhere_for_stopp_to_reach()
    {
        var accounts = _host.Services.GetRequiredService<Front.Actors.Engine.Storage.AccountStore>();
        await accounts.EnsureAsync(new Front.Actors.Engine.Storage.AccountRecord { Id = "bare", Organization = "Bare AS", Name = "Bare", MaxSegments = 10 }, "bare-key-0123456789");
        var bare = _host.Client("bare-key-0123456789");

        var errors = await ProblemAsync(await bare.PostAsJsonAsync("/api/v1/campaigns",
            new { name = "Fot", from = "Front", text = "Hei", numbers = new[] { "41000001" }, messagesPerSecond = 1, optOutFooter = true }), HttpStatusCode.BadRequest);

        Assert.Equal(["optOutFooter"], errors.Keys);
        Assert.Contains("STOPP", errors["optOutFooter"][0]);
    }
}
