using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>Held means held: moderators approve or reject over HTTP; an approval sends the message once.</summary>
public class ModerationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private const string HeldText = "Vinn: svindel.com/x";

    private static async Task<(string MessageId, string ItemId)> SendHeldAsync(EngineHost host, string text = HeldText)
    {
        var sent = await (await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = sent.GetProperty("messages")[0].GetProperty("id").GetString()!;
        var items = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?rule=unapproved-link");
        var item = items.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("demo", 1), (item.GetProperty("accountId").GetString(), item.GetProperty("messageCount").GetInt32()));
        Assert.Contains("svindel.com", item.GetProperty("details").GetString());
        return (id, item.GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task An_approved_item_is_delivered_once(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        SmscTraffic.Record(host);
        await using var feed = await StatusFeed.ConnectAsync(host);
        var (messageId, itemId) = await SendHeldAsync(host);

        var response = await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/approve", new { reason = "kjent kunde" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", (await feed.StatusesUntilAsync(messageId, "delivered")).Last());
        var history = (await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["held", "accepted", "queued", "submitted", "delivered"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Contains("approved by demo-moderator: kjent kunde", history[1].GetProperty("detail").GetString());
        await SmscTraffic.DrainAsync(host, "Front", "91234567");
        Assert.Single(SmscTraffic.Submits(host), s => s.Text == HeldText);
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_held_message_is_pushed_as_held_and_after_approval_each_step_is_pushed_once_after_it_is_stored(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);
        var (messageId, itemId) = await SendHeldAsync(host);

        var held = await feed.UpdatesUntilAsync(messageId, "held", update => StatusAgreement.AssertStoredAsync(client, update));
        await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/approve", new { reason = "kjent kunde" });
        var released = await feed.UpdatesUntilAsync(messageId, "delivered", update => StatusAgreement.AssertStoredAsync(client, update));
        var history = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("history").EnumerateArray().ToList();

        Assert.Contains("unapproved-link", Assert.Single(held).GetProperty("detail").GetString());
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], released.Select(u => u.GetProperty("status").GetString()));
        Assert.Contains("approved by demo-moderator: kjent kunde", released[0].GetProperty("detail").GetString());
        Assert.Equal(history.Select(h => (h.GetProperty("status").GetRawText(), h.GetProperty("at").GetRawText(), h.GetProperty("detail").GetRawText())),
            held.Concat(released).Select(u => (u.GetProperty("status").GetRawText(), u.GetProperty("at").GetRawText(), u.GetProperty("detail").GetRawText())));
    }

    [Fact]
    public async Task A_rejected_message_is_pushed_as_held_then_rejected_each_once_after_it_is_stored()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var client = host.Client();
        await using var feed = await StatusFeed.ConnectAsync(host);
        var (messageId, itemId) = await SendHeldAsync(host);

        await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/reject", new { reason = "phishing" });
        var pushed = await feed.UpdatesUntilAsync(messageId, "rejected", update => StatusAgreement.AssertStoredAsync(client, update));
        // A second decision changes nothing, and pushes nothing: a later message's journey shows no more of this one.
        await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/reject", new { reason = "igjen" });
        var later = (await (await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Etter" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
        var after = await feed.AllUntilAsync(later, "delivered");

        Assert.Equal(["held", "rejected"], pushed.Select(u => u.GetProperty("status").GetString()));
        Assert.Contains("rejected by demo-moderator: phishing", pushed[1].GetProperty("detail").GetString());
        Assert.Equal([null, null], pushed.Select(u => u.GetProperty("operator").GetString()));
        Assert.DoesNotContain(after, u => u.GetProperty("id").GetString() == messageId);
    }

    [Fact]
    public async Task Moderators_see_held_items_and_decisions_live_and_the_customer_sees_held_then_approved()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await using var moderators = await host.ConnectModerationHubAsync();
        var held = Channel.CreateUnbounded<HeldItemUpdate>();
        var decided = Channel.CreateUnbounded<ItemDecision>();
        moderators.On<HeldItemUpdate>(nameof(IModerationClient.ItemHeld), i => held.Writer.TryWrite(i));
        moderators.On<ItemDecision>(nameof(IModerationClient.ItemDecided), d => decided.Writer.TryWrite(d));
        await using var customer = await StatusFeed.ConnectAsync(host);

        var (messageId, itemId) = await SendHeldAsync(host);
        var live = await held.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/approve", new { reason = "ok" });
        var decision = await decided.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var seen = await customer.StatusesUntilAsync(messageId, "delivered");

        Assert.Equal((itemId, "demo", "unapproved-link", 1), (live.Id, live.AccountId, live.Rule, live.MessageCount));
        Assert.Equal((itemId, "approved", "demo-moderator"), (decision.Id, decision.Decision, decision.Moderator));
        Assert.Equal(["held", "accepted", "queued", "submitted", "delivered"], seen);
    }

    [Fact]
    public async Task An_approval_journaled_just_before_the_process_stopped_is_carried_out_after_the_restart()
    {
        var database = TestDatabase.Sqlite();
        string messageId;
        await using (var first = await EngineHost.StartAsync(database))
        {
            (messageId, var itemId) = await SendHeldAsync(first);
            // Only the account entity learns of the approval, as if the process died before the messages moved on.
            var accounts = first.Services.GetRequiredService<Akka.Hosting.IRequiredActor<Front.Actors.Engine.Accounts.AccountRegion>>();
            await accounts.ActorRef.Ask<Front.Actors.Engine.Accounts.AccountReplies.Decided>(
                new Front.Actors.Engine.Accounts.AccountCommands.Decide("demo", itemId, true, "mod", "ok"), Limit);
            Assert.Equal("held", (await first.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("status").GetString());
        }

        await using var second = await EngineHost.StartAsync(database);
        await using var feed = await StatusFeed.ConnectAsync(second);
        var status = (await second.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("status").GetString();
        if (status != "delivered")
            await feed.StatusesUntilAsync(messageId, "delivered");

        var history = (await second.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["held", "accepted", "queued", "submitted", "delivered"], history);
    }

    [Fact]
    public async Task A_customer_key_cannot_join_the_moderators_hub()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        await Assert.ThrowsAnyAsync<Exception>(() => host.ConnectModerationHubAsync(EngineHost.ApiKey));
    }

    [Fact]
    public async Task A_rejected_item_is_never_sent_and_its_sender_sees_the_reason()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var (messageId, itemId) = await SendHeldAsync(host);

        var response = await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/reject", new { reason = "phishing" });
        var message = await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}");
        // A later ordinary message to the same recipient has reached the SMSC: the rejected one, had it been let go, would be there before it.
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rejected", message.GetProperty("status").GetString());
        Assert.Contains("phishing", message.GetProperty("history")[1].GetProperty("detail").GetString());
        Assert.Equal([("4791234567", marker)], SmscTraffic.Submits(host));
        Assert.Equal(1, SmscTraffic.Received(host));
        Assert.Equal("rejected", (await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_moderators_approving_at_once_release_the_item_once_and_the_second_is_told()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await using var feed = await StatusFeed.ConnectAsync(host);
        var (messageId, itemId) = await SendHeldAsync(host);
        var moderator = host.Client(EngineHost.ModeratorKey);

        var responses = await Task.WhenAll(
            moderator.PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/approve", new { reason = "a" }),
            moderator.PostAsJsonAsync($"/api/v1/moderation/items/{itemId}/approve", new { reason = "b" }));
        await feed.StatusesUntilAsync(messageId, "delivered");
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal([HeldText, marker], SmscTraffic.Submits(host).Select(s => s.Text));
        Assert.Equal(2, SmscTraffic.Received(host));
    }

    [Fact]
    public async Task Approving_a_domain_releases_what_was_held_for_it_and_later_sends_pass()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var (messageId, _) = await SendHeldAsync(host);

        var response = await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync("/api/v1/accounts/demo/approved-domains", new { domain = "svindel.com" });
        var later = await (await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Igjen: svindel.com/y" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var account = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", later.GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.Equal(["svindel.com"], account.GetProperty("approvedDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.NotEqual("held", (await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{messageId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_suspended_account_has_its_sends_held_until_resumed()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var moderator = host.Client(EngineHost.ModeratorKey);

        await moderator.PostAsJsonAsync("/api/v1/accounts/demo/suspend", new { reason = "klager" });
        var held = await (await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Mens suspendert" })).Content.ReadFromJsonAsync<JsonElement>();
        await moderator.PostAsync("/api/v1/accounts/demo/resume", null);
        var sent = await (await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Etter gjenopptak" })).Content.ReadFromJsonAsync<JsonElement>();
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567");

        Assert.Equal("held", held.GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.Equal("accepted", sent.GetProperty("messages")[0].GetProperty("status").GetString());
        // Resuming the account lets new sends through; what was held while suspended still waits for a moderator.
        Assert.Equal(["Etter gjenopptak", marker], SmscTraffic.Submits(host).Select(s => s.Text));
    }

    [Fact]
    public async Task The_customer_reads_its_limits_and_volume_and_moderators_change_the_limits()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        var put = await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits", new { monthlySegments = 5000, bulkThreshold = 20 });
        await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Hei" });
        var account = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((5000, 20), (account.GetProperty("limits").GetProperty("monthlySegments").GetInt64(), account.GetProperty("limits").GetProperty("bulkThreshold").GetInt32()));
        Assert.Equal(1, account.GetProperty("monthToDate").GetProperty("segments").GetInt64());
    }

    [Fact]
    public async Task Traffic_above_the_accounts_rate_waits_and_is_all_delivered()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await using var feed = await StatusFeed.ConnectAsync(host);
        await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 5 });

        var to = Enumerable.Range(0, 12).Select(i => $"9{1000000 + i}").ToArray();
        var sent = await (await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = "Sakte men sikkert" })).Content.ReadFromJsonAsync<JsonElement>();
        var ids = sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToHashSet();
        var delivered = await feed.DeliveredAsync(ids.Count);

        Assert.Equal(ids, delivered);
        Assert.Equal(5, (await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("limits").GetProperty("messagesPerSecond").GetInt32());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/accounts/demo/limits", "{\"messagesPerSecond\": -5}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/accounts/demo/approved-domains", "{\"domain\": \"not a domain\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/v1/moderation/items/item_nope/approve", "{\"reason\": \"x\"}", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/moderation/items?rule=nonsense", null, HttpStatusCode.BadRequest)]
    public async Task Bad_moderator_input_is_refused_with_a_problem(string method, string path, string? body, HttpStatusCode expected)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await host.Client(EngineHost.ModeratorKey).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_customer_key_on_moderator_endpoints_gets_403_and_a_moderator_key_on_customer_endpoints_too()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client().GetAsync("/api/v1/moderation/items")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client().PostAsync("/api/v1/accounts/demo/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(EngineHost.ModeratorKey).GetAsync("/api/v1/account")).StatusCode);
    }
}

/// <summary>The queue as a moderator works it: by age, and many items in one decision.</summary>
public class ModerationQueueTests
{
    private static async Task<string> HoldAsync(EngineHost host, string text)
    {
        await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text });
        var items = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/moderation/items");
        return items.GetProperty("items").EnumerateArray().Last().GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Items_are_filtered_by_age_and_show_how_long_they_have_waited()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var itemId = await HoldAsync(host, "Se svindel.com/x");
        var moderator = host.Client(EngineHost.ModeratorKey);

        var any = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?olderThanMinutes=0");
        var old = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?olderThanMinutes=60");
        var negative = await moderator.GetAsync("/api/v1/moderation/items?olderThanMinutes=-1");

        var item = Assert.Single(any.GetProperty("items").EnumerateArray());
        Assert.Equal((itemId, 0), (item.GetProperty("id").GetString(), item.GetProperty("ageMinutes").GetInt32()));
        Assert.Empty(old.GetProperty("items").EnumerateArray());
        Assert.Equal((HttpStatusCode.BadRequest, "olderThanMinutes"), (negative.StatusCode, await NumberRateTests.FieldOf(negative)));
    }

    [Fact]
    public async Task Many_items_are_decided_in_one_call_and_each_outcome_is_reported()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var first = await HoldAsync(host, "Se svindel.com/a");
        var second = await HoldAsync(host, "Se lureri.no/b");
        var moderator = host.Client(EngineHost.ModeratorKey);

        var once = await (await moderator.PostAsJsonAsync("/api/v1/moderation/items/reject", new { ids = new[] { first, second, "item_nope" }, reason = "phishing" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await moderator.PostAsJsonAsync("/api/v1/moderation/items/approve", new { ids = new[] { first } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var noReason = await moderator.PostAsJsonAsync("/api/v1/moderation/items/reject", new { ids = new[] { first } });
        var remaining = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items");
        var marker = await SmscTraffic.DrainAsync(host, "Front", "91234567");

        Assert.Equal(["rejected", "rejected", "unknown"], once.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal([409], again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal((HttpStatusCode.BadRequest, "reason"), (noReason.StatusCode, await NumberRateTests.FieldOf(noReason)));
        Assert.Empty(remaining.GetProperty("items").EnumerateArray());
        Assert.Equal([marker], SmscTraffic.Submits(host).Select(s => s.Text)); // neither rejected item left, not even after the late approve
    }
}

/// <summary>The provider opens accounts; the key it gets back is the customer's.</summary>
public class AccountOpeningTests
{
    [Fact]
    public async Task A_moderator_opens_an_account_whose_key_works_and_ids_are_unique()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);

        var created = await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "acme-as", name = "Acme" });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        var again = await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "acme-as", name = "Acme" });
        var badId = await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "Acme AS", name = "Acme" });
        var byCustomer = await host.Client().PostAsJsonAsync("/api/v1/accounts", new { id = "sneaky", name = "Sneaky" });
        var own = await host.Client(key).GetFromJsonAsync<JsonElement>("/api/v1/account");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "id"), (again.StatusCode, await NumberRateTests.FieldOf(again)));
        Assert.Equal((HttpStatusCode.BadRequest, "id"), (badId.StatusCode, await NumberRateTests.FieldOf(badId)));
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(("acme-as", "Acme"), (own.GetProperty("id").GetString(), own.GetProperty("name").GetString()));
    }
}
