using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Opt-out that works everywhere: STOPP with or without a keyword, in either order, on shared and owned numbers, and
/// then nothing more from that account to the contact — API sends, replies, batches — whatever the sender, until START.
/// </summary>
public class OptOutTests
{
    private const string A = "+4791234567";
    private const string B = "+4791234568";
    private const string C = "+4791234569";
    private const string Bystander = "+4791234599";
    private const string VirtualNumber = "+4790000001";
    private const string OtherKey = "other-key-0123456789";
    private const string ThirdKey = "third-key-0123456789";

    /// <summary>A contact's message, injected with the moderator's key, which reaches every account's keywords (a customer's reaches only its own).</summary>
    private static Task<HttpResponseMessage> InjectAsync(EngineHost host, string from, string to, string text) =>
        host.Client(EngineHost.ModeratorKey).PostAsJsonAsync("/api/v1/simulator/inbound", new { from, to, text });

    private static Task<HttpResponseMessage> SendAsync(EngineHost host, string from, string[] to, string text, string key = EngineHost.ApiKey) =>
        host.Client(key).PostAsJsonAsync("/api/v1/messages", new { from, to, text });

    /// <summary>Two more accounts with keywords on the shared 2401: BLÅBÆR (other) and PIZZA (third).</summary>
    private static async Task KeywordAccountsAsync(EngineHost host)
    {
        var accounts = host.Services.GetRequiredService<AccountStore>();
        await accounts.EnsureAsync(new AccountRecord { Id = "other", Organization = "Other AS", Name = "Other", MaxSegments = 10 }, OtherKey);
        await accounts.EnsureAsync(new AccountRecord { Id = "third", Organization = "Third AS", Name = "Third", MaxSegments = 10 }, ThirdKey);
        (await host.Client(OtherKey).PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "blåbær" })).EnsureSuccessStatusCode();
        (await host.Client(ThirdKey).PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "pizza" })).EnsureSuccessStatusCode();
    }

    /// <summary>The <paramref name="nth"/> confirmation to <paramref name="contact"/> containing <paramref name="words"/>, once it is at the SMSC.</summary>
    private static Task<string> ConfirmationAsync(EngineHost host, string contact, string words, int nth = 1) =>
        Poll.UntilAsync(() => Task.FromResult(SmscTraffic.Submits(host).Where(s => s.To == contact[1..] && s.Text.Contains(words)).Select(s => s.Text).Skip(nth - 1).FirstOrDefault()),
            $"confirmation '{words}' to {contact}");

    private static List<string> TextsTo(EngineHost host, string contact) => SmscTraffic.Submits(host).Where(s => s.To == contact[1..]).Select(s => s.Text).ToList();

    private static async Task<List<string>> RejectedAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("to").GetString()!).ToList();

    [Fact]
    public async Task Stopp_with_a_keyword_in_either_order_opts_out_of_that_keywords_account_only_until_start_with_the_keyword()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await KeywordAccountsAsync(host);

        await InjectAsync(host, A, "2401", "STOPP DEMO");
        await InjectAsync(host, B, "2401", "demo stopp");
        await InjectAsync(host, C, "2401", "Blåbær, stopp!");
        var toA = await ConfirmationAsync(host, A, "meldt av");
        var toB = await ConfirmationAsync(host, B, "meldt av");
        var toC = await ConfirmationAsync(host, C, "meldt av");

        var apiSend = await SendAsync(host, "Front", [A], "Spoof API");
        var batch = await SendAsync(host, VirtualNumber, [A, B, C, Bystander], "Kampanje");
        var threadId = ConversationIds.For("demo", "2401", A);
        var reply = await host.Client().PostAsJsonAsync($"/api/v1/conversations/{threadId}/messages", new { text = "Spoof svar" });
        var otherToA = await SendAsync(host, "2401", [A], "Fra blåbær", OtherKey);
        var otherToC = await SendAsync(host, "2401", [C], "Spoof blåbær", OtherKey);

        await InjectAsync(host, A, "2401", "start demo");
        var startToA = await ConfirmationAsync(host, A, "meldt på igjen");
        var afterStart = await SendAsync(host, "Front", [A], "Velkommen tilbake");
        // The refused sends were never stored; what was accepted is awaited, then nothing else is expected.
        await SmscTraffic.ArrivedAsync(host, "Fra blåbær", "Velkommen tilbake", "Kampanje");
        await SmscTraffic.DrainAsync(host, "Front", A, Bystander);

        Assert.Contains("DEMO", toA);
        Assert.Contains("DEMO", toB);
        Assert.Contains("BLÅBÆR", toC);
        Assert.Equal((HttpStatusCode.Conflict, "to"), (apiSend.StatusCode, await NumberRateTests.FieldOf(apiSend)));
        Assert.Equal([A, B], await RejectedAsync(batch));
        Assert.Equal((HttpStatusCode.Conflict, "contact"), (reply.StatusCode, await NumberRateTests.FieldOf(reply)));
        Assert.Equal(HttpStatusCode.Accepted, otherToA.StatusCode); // A opted out of DEMO's account only
        Assert.Equal(HttpStatusCode.Conflict, otherToC.StatusCode);
        Assert.Contains("DEMO", startToA);
        Assert.Equal(HttpStatusCode.Accepted, afterStart.StatusCode);
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
        Assert.Equal([toB], TextsTo(host, B));
        Assert.Equal(["Kampanje"], TextsTo(host, C).Where(t => t != toC));
        Assert.Equal(["Fra blåbær", "Velkommen tilbake"], TextsTo(host, A).Where(t => t != toA && t != startToA && !t.StartsWith("Markør")).Order());
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_bare_stopp_on_a_shared_number_opts_out_of_every_account_that_texted_the_contact_from_it_and_a_bare_start_reverses_it(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        SmscTraffic.Record(host);
        await KeywordAccountsAsync(host);
        var token = await host.SignInAsync();
        (await SendAsync(host, "2401", [A], "Tilbud fra demo")).EnsureSuccessStatusCode();
        (await SendAsync(host, "2401", [A], "Tilbud fra blåbær", OtherKey)).EnsureSuccessStatusCode();
        // The contact wrote to demo's own number too: an opt-out of the account covers that thread as well.
        (await InjectAsync(host, A, VirtualNumber, "Hei")).EnsureSuccessStatusCode();
        await using (var agent = await InboxFeed.ConnectAsync(host, token))
        {
            await InjectAsync(host, A, "2401", "Stopp");
            await agent.NextAsync(u => u.Kind == "opt-out");
        }
        var stopped = await ConfirmationAsync(host, A, "meldt av");

        var apiSend = await SendAsync(host, "Front", [A], "Spoof API");
        var batch = await SendAsync(host, VirtualNumber, [A, Bystander], "Kampanje");
        var sharedThreadReply = await host.Client(token).PostAsJsonAsync($"/api/v1/conversations/{ConversationIds.For("demo", "2401", A)}/messages", new { text = "Spoof svar 1" });
        var ownThreadReply = await host.Client(token).PostAsJsonAsync($"/api/v1/conversations/{ConversationIds.For("demo", VirtualNumber, A)}/messages", new { text = "Spoof svar 2" });
        var ownThreadWhileStopped = await host.Client(token).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{ConversationIds.For("demo", VirtualNumber, A)}");
        var otherSend = await SendAsync(host, "2401", [A], "Spoof blåbær", OtherKey);
        var thirdSend = await SendAsync(host, "2401", [A], "Fra pizza", ThirdKey); // never texted A before: not opted out

        await InjectAsync(host, A, "2401", "START");
        var started = await ConfirmationAsync(host, A, "meldt på igjen");
        var demoAfter = await SendAsync(host, "Front", [A], "Demo igjen");
        var otherAfter = await SendAsync(host, "2401", [A], "Blåbær igjen", OtherKey);
        // "Blåbær igjen" is the later message on the lane of the refused "Spoof blåbær"; the marker drains demo's.
        await SmscTraffic.ArrivedAsync(host, "Fra pizza", "Demo igjen", "Blåbær igjen");
        await SmscTraffic.DrainAsync(host, "Front", A, Bystander);

        Assert.Contains("DEMO og BLÅBÆR", stopped);
        Assert.DoesNotContain("PIZZA", stopped);
        Assert.Equal((HttpStatusCode.Conflict, "to"), (apiSend.StatusCode, await NumberRateTests.FieldOf(apiSend)));
        Assert.Equal([A], await RejectedAsync(batch));
        Assert.Equal(HttpStatusCode.Conflict, sharedThreadReply.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "contact"), (ownThreadReply.StatusCode, await NumberRateTests.FieldOf(ownThreadReply)));
        Assert.True(ownThreadWhileStopped.GetProperty("optedOut").GetBoolean()); // the account's other thread with the contact follows
        Assert.Equal(HttpStatusCode.Conflict, otherSend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, thirdSend.StatusCode);
        Assert.Contains("DEMO og BLÅBÆR", started);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (demoAfter.StatusCode, otherAfter.StatusCode));
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
        Assert.Equal(["Blåbær igjen", "Demo igjen", "Fra pizza"],
            TextsTo(host, A).Where(t => t is not ("Tilbud fra demo" or "Tilbud fra blåbær") && t != stopped && t != started && !t.StartsWith("Markør")).Order());
        var optOuts = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/opt-outs");
        Assert.Empty(optOuts.GetProperty("items").EnumerateArray());
        var ownThreadAfter = await host.Client(token).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{ConversationIds.For("demo", VirtualNumber, A)}");
        Assert.False(ownThreadAfter.GetProperty("optedOut").GetBoolean());
    }

    [Fact]
    public async Task Stopp_on_an_owned_number_opts_out_of_the_account_whatever_the_sender_and_the_account_lists_and_exports_its_opt_outs()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await KeywordAccountsAsync(host);
        var token = await host.SignInAsync();
        await using (var agent = await InboxFeed.ConnectAsync(host, token))
        {
            await InjectAsync(host, A, VirtualNumber, "STOPP");
            await agent.NextAsync(u => u.Kind == "opt-out" && u.Conversation.Contact == A);
            await InjectAsync(host, B, VirtualNumber, "Avmeld.");
            await agent.NextAsync(u => u.Kind == "opt-out" && u.Conversation.Contact == B);
        }

        var fromName = await SendAsync(host, "Front", [A], "Spoof navn");
        var fromShared = await SendAsync(host, "2401", [B], "Spoof delt");
        var page1 = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/opt-outs?limit=1");
        var page2 = await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/accounts/demo/opt-outs?limit=1&after={page1.GetProperty("next").GetString()}");
        var byModerator = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/opt-outs");
        var csv = await host.Client().GetAsync("/api/v1/accounts/demo/opt-outs.csv");
        var csvByFormat = await host.Client().GetStringAsync("/api/v1/accounts/demo/opt-outs?format=csv");
        var byOther = await host.Client(OtherKey).GetAsync("/api/v1/accounts/demo/opt-outs");
        var badCursor = await host.Client().GetAsync("/api/v1/accounts/demo/opt-outs?after=%%%");
        var othersOwn = await host.Client(OtherKey).GetFromJsonAsync<JsonElement>("/api/v1/accounts/other/opt-outs");
        await SmscTraffic.DrainAsync(host, "Front", Bystander);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (fromName.StatusCode, fromShared.StatusCode));
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
        Assert.Empty(TextsTo(host, A)); // no confirmation on an owned number: the number's owner answers for itself
        var first = Assert.Single(page1.GetProperty("items").EnumerateArray());
        var second = Assert.Single(page2.GetProperty("items").EnumerateArray());
        Assert.Equal((A, VirtualNumber, "STOPP"), (first.GetProperty("contact").GetString(), first.GetProperty("ourNumber").GetString(), first.GetProperty("word").GetString()));
        Assert.Equal(B, second.GetProperty("contact").GetString());
        Assert.Equal(2, byModerator.GetProperty("items").GetArrayLength());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("contact,our_number,word,opted_out_at", lines[0]);
        Assert.Equal([$"{A},{VirtualNumber},STOPP", $"{B},{VirtualNumber},AVMELD"], lines[1..].Select(l => string.Join(',', l.Split(',')[..3])));
        Assert.Equal(await csv.Content.ReadAsStringAsync(), csvByFormat);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "after"), (badCursor.StatusCode, await NumberRateTests.FieldOf(badCursor)));
        Assert.Empty(othersOwn.GetProperty("items").EnumerateArray());
    }
}
