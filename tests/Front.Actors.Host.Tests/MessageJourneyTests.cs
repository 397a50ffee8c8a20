using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>One SMS's whole journey through the real host: HTTP → actors → pipeline → SMPP → receipt → SignalR.</summary>
public class MessageJourneyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static async Task<JsonElement> SendAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var response = await client.PostAsJsonAsync("/api/v1/messages", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {json}");
        return json;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_message_sent_over_http_is_delivered_and_every_status_reaches_the_signalr_client(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);

        var sent = await SendAsync(client, new { from = "Front", to = new[] { "91234567" }, text = "Hei på deg!" });
        var message = sent.GetProperty("messages")[0];
        var id = message.GetProperty("id").GetString()!;
        var live = await feed.StatusesUntilAsync(id, "delivered");

        Assert.Equal(("+4791234567", "accepted", 1, "gsm7"), (message.GetProperty("to").GetString(), message.GetProperty("status").GetString(),
            message.GetProperty("segments").GetInt32(), message.GetProperty("encoding").GetString()));
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], live); // every step the API shows, "accepted" too
        var stored = await GetAsync(client, id);
        Assert.Equal("delivered", stored.GetProperty("status").GetString());
        Assert.Equal("telenor", stored.GetProperty("operator").GetString());
        var history = stored.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Contains("operator message id", history[2].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_batched_connection_gets_the_same_updates_in_the_same_order_as_a_plain_one_and_nothing_else()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For("Sqlite"));
        var client = host.Client();
        await using var plain = await StatusFeed.ConnectAsync(host);
        await using var batched = await StatusFeed.ConnectAsync(host, batched: true);

        var sent = await SendAsync(client, new { from = "Front", to = Enumerable.Range(0, 20).Select(i => $"9123{i:D4}").ToArray(), text = "Hei!" });
        var ids = sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var marker = (await SendAsync(client, new { from = "Front", to = new[] { "91239999" }, text = "Siste" })).GetProperty("messages")[0].GetProperty("id").GetString()!;
        // Every update each feed got up to the last message's delivery: the same list, in the same order.
        var fromPlain = await plain.AllUntilAsync(marker, "delivered");
        var fromBatched = await batched.AllUntilAsync(marker, "delivered");

        Assert.Equal(fromPlain.Select(Key), fromBatched.Select(Key));
        Assert.All(ids.Append(marker), id => Assert.Contains($"{id}:accepted:", string.Join(" ", fromBatched.Select(Key))));
        Assert.Equal(21, fromBatched.Count(u => u.GetProperty("status").GetString() == "accepted"));

        static string Key(JsonElement u) => $"{u.GetProperty("id").GetString()}:{u.GetProperty("status").GetString()}:{u.GetProperty("operator")}";
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Every_step_is_pushed_once_in_order_after_it_is_stored_with_the_apis_fields_and_values(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);

        var id = (await SendAsync(client, new { from = "Front", to = new[] { "91234567" }, text = "Følg meg" })).GetProperty("messages")[0].GetProperty("id").GetString()!;
        // Each push is checked against the API the moment it arrives: the step must already be stored.
        var pushed = await feed.UpdatesUntilAsync(id, "delivered", update => StatusAgreement.AssertStoredAsync(client, update));
        // A later message's whole journey to the same recipient: a step of the first pushed twice would show among these.
        var laterId = (await SendAsync(client, new { from = "Front", to = new[] { "91234567" }, text = "Etter" })).GetProperty("messages")[0].GetProperty("id").GetString()!;
        var after = await feed.AllUntilAsync(laterId, "delivered");
        var history = (await GetAsync(client, id)).GetProperty("history").EnumerateArray().ToList();

        Assert.Equal(["accepted", "queued", "submitted", "delivered"], pushed.Select(u => u.GetProperty("status").GetString()));
        Assert.Equal([null, "telenor", "telenor", "telenor"], pushed.Select(u => u.GetProperty("operator").GetString()));
        Assert.Equal(history.Select(h => (h.GetProperty("status").GetRawText(), h.GetProperty("at").GetRawText(), h.GetProperty("detail").GetRawText())),
            pushed.Select(u => (u.GetProperty("status").GetRawText(), u.GetProperty("at").GetRawText(), u.GetProperty("detail").GetRawText())));
        Assert.DoesNotContain(after, u => u.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_long_unicode_message_is_sent_in_parts_and_delivered_when_every_part_is()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);

        var sent = await SendAsync(client, new { from = "Front", to = new[] { "93000000" }, text = string.Concat(Enumerable.Repeat("Takk 👍 ", 20)) });
        var id = sent.GetProperty("messages")[0].GetProperty("id").GetString()!;
        await feed.StatusesUntilAsync(id, "delivered");

        Assert.Equal(("ucs2", 3), (sent.GetProperty("messages")[0].GetProperty("encoding").GetString(), sent.GetProperty("messages")[0].GetProperty("segments").GetInt32()));
        Assert.Equal("telia", (await GetAsync(client, id)).GetProperty("operator").GetString());
    }

    [Fact]
    public async Task A_send_with_a_link_to_an_unapproved_domain_is_held_with_the_rule_in_its_history()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var client = host.Client();

        var sent = await SendAsync(client, new { from = "Front", to = new[] { "91234567" }, text = "Vinn en iPhone: svindel.com/vinn" });
        var message = sent.GetProperty("messages")[0];
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567");
        var stored = await GetAsync(client, message.GetProperty("id").GetString()!);

        Assert.Equal("held", message.GetProperty("status").GetString());
        Assert.Equal("held", stored.GetProperty("status").GetString());
        var step = Assert.Single(stored.GetProperty("history").EnumerateArray());
        Assert.Contains("unapproved-link: link to svindel.com", step.GetProperty("detail").GetString());
        Assert.Null(stored.GetProperty("operator").GetString());
        Assert.Equal([marker], SmscTraffic.Submits(host).Select(s => s.Text)); // a later message went through; the held one did not
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_repeated_client_reference_returns_the_first_result_and_sends_once(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        SmscTraffic.Record(host);
        var client = host.Client();
        var body = new { from = "Front", to = new[] { "91234567", "41234567" }, text = "Én gang", clientRef = "order-42" };

        var first = await SendAsync(client, body);
        var second = await SendAsync(client, body);
        // The same request a third time while the first copies may be on their way, then a marker to both operators.
        var third = await SendAsync(client, body);
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567", "41234567");

        var ids = first.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids, second.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(ids, third.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var submits = SmscTraffic.Submits(host);
        Assert.Equal(["4741234567", "4791234567"], submits.Where(s => s.Text == "Én gang").Select(s => s.To).Order());
        Assert.Equal(2, submits.Count(s => s.Text == marker));
        Assert.Equal(4, SmscTraffic.Received(host));
    }

    [Fact]
    public async Task Some_invalid_recipients_are_reported_and_the_valid_ones_are_sent()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var sent = await SendAsync(host.Client(), new { from = "Front", to = new[] { "91234567", "22123456", "123" }, text = "Hei" });

        Assert.Single(sent.GetProperty("messages").EnumerateArray());
        var rejected = sent.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal(["22123456", "123"], rejected.Select(r => r.GetProperty("to").GetString()));
        Assert.Contains("not a mobile number", rejected[0].GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("{\"from\": \"Front\", \"to\": [\"91234567\"], \"text\": \"\"}", "text")]
    [InlineData("{\"from\": \"Front\", \"to\": [\"22123456\"], \"text\": \"Hei\"}", "to")]
    [InlineData("{\"from\": \"Front\", \"to\": [], \"text\": \"Hei\"}", "to")]
    [InlineData("{\"from\": \"ThisIsTooLongASender\", \"to\": [\"91234567\"], \"text\": \"Hei\"}", "from")]
    [InlineData("{\"from\": \"Front\", \"to\": \"91234567\", \"text\": \"Hei\"}", "to")]
    [InlineData("{\"from\": \"Front\", \"to\": [\"91234567\"], \"text\": 42}", "text")]
    [InlineData("{\"from\": \"Front\", ", "body")]
    public async Task Bad_input_is_answered_with_a_problem_naming_the_field(string body, string field)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var response = await host.Client().PostAsync("/api/v1/messages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task More_than_a_thousand_recipients_in_one_request_are_refused()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var to = Enumerable.Range(0, 1001).Select(i => $"9{1000000 + i}").ToArray();

        var problem = await SendAsync(host.Client(), new { from = "Front", to, text = "Hei" }, HttpStatusCode.BadRequest);

        Assert.Contains("at most 1000 recipients", problem.GetProperty("errors").GetProperty("to")[0].GetString());
    }

    [Fact]
    public async Task A_text_longer_than_ten_segments_is_refused()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var problem = await SendAsync(host.Client(), new { from = "Front", to = new[] { "91234567" }, text = new string('a', 1531) }, HttpStatusCode.BadRequest);

        Assert.Contains("11 segments", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_text_of_100000_characters_is_refused_naming_the_text()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var problem = await SendAsync(host.Client(), new { from = "Front", to = new[] { "91234567" }, text = new string('æ', 100_000) }, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _), problem.ToString());
        Assert.Contains("100000 characters", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_missing_or_wrong_api_key_gets_401()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync("/api/v1/messages/x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client("wrong").GetAsync("/api/v1/messages/x")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_message_id_gets_404()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var response = await host.Client().GetAsync("/api/v1/messages/msg_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
