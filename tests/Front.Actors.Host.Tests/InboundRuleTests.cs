using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Domain.Inbound;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>Rules on a keyword run in order: auto-reply (through the outbound checks), forward to a number, signed webhook with retries.</summary>
public class InboundRuleTests
{
    private const string Contact = "+4791234567";

    [Fact]
    public async Task A_keywords_rules_reply_forward_and_call_the_webhook_which_is_retried_until_it_answers()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Webhooks:FirstRetry"] = "00:00:00.050" });
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
        var rules = await host.Client().PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo",
            rules = new object[]
            {
                new { kind = "AutoReply", target = "Takk! Vi svarer snart." },
                new { kind = "ForwardToNumber", target = "41234567" },
                new { kind = "Webhook", target = receiver.Url, secret = "hemmelig" },
            },
        });
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);

        await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = "2401", text = "DEMO Hei!" });
        var autoReply = await agent.NextMessageAsync("out");
        var (signature, body) = await receiver.NextCallAsync();

        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        Assert.Equal(("Takk! Vi svarer snart.", "auto-reply"), (autoReply.Message!.Text, autoReply.Message.Author));
        Assert.True(WebhookSignature.Verify("hemmelig", signature, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TimeSpan.FromMinutes(5)));
        var payload = JsonDocument.Parse(body).RootElement;
        Assert.Equal((Contact, "2401", "DEMO Hei!", "DEMO"), (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString(),
            payload.GetProperty("text").GetString(), payload.GetProperty("keyword").GetString()));
        var attempts = await Poll.UntilValueAsync(async () =>
        {
            var list = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/webhooks/deliveries");
            return list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "delivered")
                .Select(i => (int?)i.GetProperty("attempts").GetInt32()).FirstOrDefault();
        }, "a delivered webhook call");
        Assert.Equal(3, attempts);
        // The forward is an ordinary message from the number to the forwarding target; its submit shows at the simulator.
        await Poll.SubmitToAsync(host, "4741234567");
    }

    [Fact]
    public async Task A_webhook_still_pending_at_a_restart_is_delivered_after_it_signed_with_the_rules_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var database = TestDatabase.Sqlite();
        await using (var first = await EngineHost.StartAsync(database, new Dictionary<string, string?> { ["Webhooks:FirstRetry"] = "01:00:00" }))
        {
            (await first.Client().PutAsJsonAsync("/api/v1/rules", new
            {
                number = "+4790000001", rules = new[] { new { kind = "Webhook", target = receiver.Url, secret = "hemmelig" } },
            })).EnsureSuccessStatusCode();
            await first.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = "+4790000001", text = "Hei" });
            // The first call failed; the next one is an hour away when the host stops.
            await Poll.UntilValueAsync(async () => (await first.Client().GetFromJsonAsync<JsonElement>("/api/v1/webhooks/deliveries"))
                .GetProperty("items").EnumerateArray().Where(i => i.GetProperty("attempts").GetInt32() == 1).Select(i => (bool?)true).FirstOrDefault(), "a failed first attempt");
        }

        await using var second = await EngineHost.StartAsync(database);
        var (signature, body) = await receiver.NextCallAsync();
        var attempts = await Poll.UntilValueAsync(async () => (await second.Client().GetFromJsonAsync<JsonElement>("/api/v1/webhooks/deliveries"))
            .GetProperty("items").EnumerateArray().Where(i => i.GetProperty("status").GetString() == "delivered").Select(i => (int?)i.GetProperty("attempts").GetInt32()).FirstOrDefault(),
            "the resumed delivery");

        Assert.True(WebhookSignature.Verify("hemmelig", signature, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), TimeSpan.FromMinutes(5)));
        Assert.Equal("Hei", JsonDocument.Parse(body).RootElement.GetProperty("text").GetString());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Rules_with_bad_input_are_refused_by_field_and_keywords_are_unique_per_number()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await host.Services.GetRequiredService<Engine.Storage.AccountStore>().EnsureAsync(
            new Engine.Storage.AccountRecord { Id = "other", Organization = "Other AS", Name = "Other", MaxSegments = 10 }, "other-key-0123456789");

        var badKind = await host.Client().PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "DEMO", rules = new[] { new { kind = "Shout", target = "x" } } });
        var badUrl = await host.Client().PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "DEMO", rules = new[] { new { kind = "Webhook", target = "ftp://x" } } });
        var notTheirs = await host.Client("other-key-0123456789").PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "DEMO", rules = Array.Empty<object>() });
        var taken = await host.Client("other-key-0123456789").PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "demo" });
        var spaced = await host.Client("other-key-0123456789").PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "to ord" });
        var stopWord = await host.Client("other-key-0123456789").PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "stopp" });
        var registered = await host.Client("other-key-0123456789").PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "blåbær" });

        Assert.Equal((HttpStatusCode.BadRequest, "rules[0].kind"), (badKind.StatusCode, await NumberRateTests.FieldOf(badKind)));
        Assert.Equal((HttpStatusCode.BadRequest, "rules[0].target"), (badUrl.StatusCode, await NumberRateTests.FieldOf(badUrl)));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "keyword"), (taken.StatusCode, await NumberRateTests.FieldOf(taken)));
        Assert.Equal((HttpStatusCode.BadRequest, "keyword"), (spaced.StatusCode, await NumberRateTests.FieldOf(spaced)));
        Assert.Equal((HttpStatusCode.BadRequest, "keyword"), (stopWord.StatusCode, await NumberRateTests.FieldOf(stopWord)));
        Assert.Equal("BLÅBÆR", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyword").GetString());
    }

    [Fact]
    public async Task With_round_robin_new_threads_go_to_available_agents_in_turn()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Inbox:RoundRobin"] = "true" });
        (await host.Client().PostAsJsonAsync("/api/v1/agents", new { userName = "ola@demo", password = "ola-password-1" })).EnsureSuccessStatusCode();
        await using var kari = await InboxFeed.ConnectAsync(host, await host.SignInAsync());
        await using var ola = await InboxFeed.ConnectAsync(host, await host.SignInAsync("ola@demo", "ola-password-1"));
        await kari.Connection.InvokeAsync("SetAvailable", true);
        await ola.Connection.InvokeAsync("SetAvailable", true);

        var assigned = new List<string?>();
        foreach (var contact in new[] { "+4791000011", "+4791000012", "+4791000013" })
        {
            await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = contact, to = "+4790000001", text = "Hei" });
            assigned.Add((await kari.NextAsync(u => u.Kind == "assignment" && u.Conversation.Contact == contact)).Conversation.AssignedTo);
        }

        Assert.Equal(["agent@demo", "ola@demo", "agent@demo"], assigned);
    }
}
