using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.ShortNumbers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>Webhooks and forwards cannot be turned against the provider's network or other customers.</summary>
public class WebhookSafetyTests
{
    private const string Contact = "+4791234567";
    private const string VirtualNumber = "+4790000001";

    /// <summary>As in production: https only, no loopback.</summary>
    private static readonly Dictionary<string, string?> Strict = new() { ["Webhooks:AllowHttp"] = "false", ["Webhooks:AllowLoopback"] = "false" };

    private static object WebhookRule(string target, string? secret = null) =>
        new { number = VirtualNumber, rules = new[] { new { kind = "Webhook", target, secret } } };

    private static async Task<JsonElement> DeliveryAsync(EngineHost host, Func<JsonElement, bool> done, string what) =>
        await Poll.UntilValueAsync(async () => (await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/webhooks/deliveries"))
            .GetProperty("items").EnumerateArray().Where(done).Select(i => (JsonElement?)i).FirstOrDefault(), what);

    [Fact]
    public async Task A_target_on_plain_http_or_a_forbidden_address_is_refused_when_the_rule_is_saved()
    {
        string[] targets =
        [
            "http://hooks.example.no/sms", "https://127.0.0.1/hook", "https://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data/",
            "https://[::ffff:127.0.0.1]/hook", "https://[::1]/hook", "https://localhost/hook",
        ];
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), Strict);

        var answers = new List<(string, HttpStatusCode, string?)>();
        foreach (var target in targets)
        {
            var response = await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule(target));
            answers.Add((target, response.StatusCode, await NumberRateTests.FieldOf(response)));
        }
        var accepted = await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule("https://hooks.example.no/sms"));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.BadRequest, "rules[0].target"), (a.Item2, a.Item3)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connect_time_and_the_list_shows_only_the_class()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var resolver = new FixedResolver(new Dictionary<string, IPAddress> { ["hooks.customer.test"] = IPAddress.Loopback });
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(),
            new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = "false", ["Webhooks:MaxAttempts"] = "1" },
            services => services.AddSingleton<IHostResolver>(resolver));

        var saved = await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule($"http://hooks.customer.test:{receiver.Port}/hook"));
        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" });
        var delivery = await DeliveryAsync(host, d => d.GetProperty("status").GetString() == "failed", "a failed delivery");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode); // a name is not judged by its address when saved: it can change
        Assert.Equal("refused-address", delivery.GetProperty("lastError").GetString());
        Assert.Equal(["hooks.customer.test"], resolver.Asked);
        Assert.Equal(0, receiver.HookCalls);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_call()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Webhooks:MaxAttempts"] = "1" });

        (await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule(receiver.RedirectUrl))).EnsureSuccessStatusCode();
        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" });
        var delivery = await DeliveryAsync(host, d => d.GetProperty("status").GetString() == "failed", "a failed delivery");

        Assert.Equal(("3xx", 1), (delivery.GetProperty("lastError").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(0, receiver.HookCalls);
    }

    [Fact]
    public async Task A_connection_failure_shows_its_class_not_the_socket_error()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Webhooks:MaxAttempts"] = "1" });

        (await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule($"http://127.0.0.1:{closedPort}/hook"))).EnsureSuccessStatusCode();
        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" });
        var delivery = await DeliveryAsync(host, d => d.GetProperty("status").GetString() == "failed", "a failed delivery");

        Assert.Equal("connection-failed", delivery.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_pending_delivery_stops_when_its_rule_is_removed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1, holdFirst: true);
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Webhooks:FirstRetry"] = "00:00:00.050" });
        (await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule(receiver.Url, "hemmelig"))).EnsureSuccessStatusCode();

        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" });
        await receiver.FirstCallArrived;
        (await host.Client().PutAsJsonAsync("/api/v1/rules", new { number = VirtualNumber, rules = Array.Empty<object>() })).EnsureSuccessStatusCode();
        receiver.ReleaseFirstCall(); // answered 503: without the removal, a retry would follow
        var delivery = await DeliveryAsync(host, d => d.GetProperty("status").GetString() == "failed", "a stopped delivery");

        Assert.Equal(("rule-removed", 1), (delivery.GetProperty("lastError").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(1, receiver.HookCalls);
    }

    [Fact]
    public async Task A_webhook_secret_is_not_in_the_journal_in_plain_text_and_still_signs_calls()
    {
        const string secret = "very-secret-signing-key-4711";
        await using var receiver = await WebhookReceiver.StartAsync();
        var database = TestDatabase.Sqlite();
        await using var host = await EngineHost.StartAsync(database);

        (await host.Client().PutAsJsonAsync("/api/v1/rules", WebhookRule(receiver.Url, secret))).EnsureSuccessStatusCode();
        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" });
        var (signature, body) = await receiver.NextCallAsync();

        Assert.True(Domain.Inbound.WebhookSignature.Verify(secret, signature, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TimeSpan.FromMinutes(5)));
        var journal = await StoredEventsAsync(database.JournalConnectionString, "short-number-" + VirtualNumber);
        Assert.Contains(journal, e => e.Contains("enc:v1:", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, e => e.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_targets_must_be_mobile_numbers_and_rules_are_capped_per_keyword()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Inbox:MaxRules"] = "3" });

        var landline = await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "DEMO", rules = new[] { new { kind = "ForwardToNumber", target = "22334455" } },
        });
        var tooMany = await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "DEMO", rules = Enumerable.Range(0, 4).Select(i => new { kind = "ForwardToNumber", target = $"4123456{i}" }).ToArray(),
        });
        var enough = await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "DEMO", rules = Enumerable.Range(0, 3).Select(i => new { kind = "ForwardToNumber", target = $"4123456{i}" }).ToArray(),
        });

        Assert.Equal((HttpStatusCode.BadRequest, "rules[0].target"), (landline.StatusCode, await NumberRateTests.FieldOf(landline)));
        Assert.Equal((HttpStatusCode.BadRequest, "rules"), (tooMany.StatusCode, await NumberRateTests.FieldOf(tooMany)));
        Assert.Equal(HttpStatusCode.OK, enough.StatusCode);
    }

    [Fact]
    public async Task A_forward_goes_through_the_accounts_misuse_rules_like_any_send()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        (await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = VirtualNumber, rules = new[] { new { kind = "ForwardToNumber", target = "41234567" } },
        })).EnsureSuccessStatusCode();

        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Vinn: svindel.com/x" });
        var item = await Poll.UntilValueAsync(async () => (await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?rule=unapproved-link"))
            .GetProperty("items").EnumerateArray().Select(i => (JsonElement?)i).FirstOrDefault(), "the forward held for a moderator");

        Assert.Equal("demo", item.GetProperty("accountId").GetString());
        Assert.Contains("svindel.com", item.GetProperty("details").GetString());
    }

    [Fact]
    public async Task A_number_given_to_another_account_keeps_none_of_the_old_owners_keywords_or_rules()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        (await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = VirtualNumber, rules = new object[] { new { kind = "ForwardToNumber", target = "41234567" }, new { kind = "Webhook", target = "http://127.0.0.1:9/hook", secret = "s" } },
        })).EnsureSuccessStatusCode();
        (await host.Client().PostAsJsonAsync("/api/v1/keywords", new { shortNumber = VirtualNumber, keyword = "PIZZA" })).EnsureSuccessStatusCode();

        var moved = await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync($"/api/v1/numbers/{Uri.EscapeDataString(VirtualNumber)}", new { ownerAccountId = "other" });
        var numbers = host.Services.GetRequiredService<NumberService>();
        var state = await numbers.GetAsync(VirtualNumber);
        var route = await numbers.RouteAsync(VirtualNumber, "PIZZA", null);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("other", state.OwnerAccountId);
        Assert.Empty(state.NumberRules);
        Assert.Empty(state.Keywords);
        Assert.Equal(("other", 0), (route.AccountId, route.Rules.Count));
    }

    /// <summary>The journaled payloads of one entity, as text.</summary>
    private static async Task<List<string>> StoredEventsAsync(string connectionString, string persistenceId)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message FROM journal WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        var events = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add(System.Text.Encoding.UTF8.GetString((byte[])reader[0]));
        return events;
    }

    /// <summary>A resolver that knows a few names (as a rebinding attacker's DNS would answer) and records what it was asked.</summary>
    private sealed class FixedResolver(IReadOnlyDictionary<string, IPAddress> names) : IHostResolver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _asked = new();

        public IReadOnlyList<string> Asked => _asked.ToArray();

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            _asked.Enqueue(host);
            return Task.FromResult(names.TryGetValue(host, out var address) ? [address] : Array.Empty<IPAddress>());
        }
    }
}
