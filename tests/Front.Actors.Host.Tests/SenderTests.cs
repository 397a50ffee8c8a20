using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>Senders belong to the account: numbers it owns or holds a keyword on, names registered to it, protected names only for their accounts.</summary>
public class SenderTests
{
    private const string Contact = "+4791234567";
    private const string VirtualNumber = "+4790000001";
    private const string OtherKey = "other-key-0123456789";

    private static async Task<HttpResponseMessage> SendAsync(EngineHost host, string from, string to = Contact, string text = "Hei", string? key = EngineHost.ApiKey) =>
        await host.Client(key).PostAsJsonAsync("/api/v1/messages", new { from, to = new[] { to }, text });

    private static async Task OtherAccountWithNumberAsync(EngineHost host, string number = "+4790000002")
    {
        await host.Services.GetRequiredService<AccountStore>().EnsureAsync(new AccountRecord { Id = "other", Organization = "Other AS", Name = "Other", MaxSegments = 10 }, OtherKey);
        (await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync($"/api/v1/numbers/{number}", new { ownerAccountId = "other" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_numeric_sender_must_be_owned_or_a_shared_number_with_the_accounts_keyword()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        await OtherAccountWithNumberAsync(host);
        (await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/numbers/2402", new { ownerAccountId = "provider", shared = true })).EnsureSuccessStatusCode();

        var othersNumber = await SendAsync(host, "+4790000002", text: "Spoof 1");
        var othersNational = await SendAsync(host, "4790000002", text: "Spoof 2");
        var sharedWithoutKeyword = await SendAsync(host, "2402", text: "Spoof 3");
        var privateMobile = await SendAsync(host, "+4798765432", text: "Spoof 4");
        var unknownShortNumber = await SendAsync(host, "26114", text: "Spoof 5");
        var own = await SendAsync(host, VirtualNumber, text: "Egen");
        var sharedWithKeyword = await SendAsync(host, "2401", text: "Delt");
        await SmscTraffic.DrainAsync(host, VirtualNumber, Contact);

        foreach (var refused in new[] { othersNumber, othersNational, sharedWithoutKeyword, privateMobile, unknownShortNumber })
            Assert.Equal((HttpStatusCode.Forbidden, "from"), (refused.StatusCode, await NumberRateTests.FieldOf(refused)));
        Assert.Contains("holds no keyword", await sharedWithoutKeyword.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (own.StatusCode, sharedWithKeyword.StatusCode));
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
    }

    [Fact]
    public async Task An_unregistered_name_is_held_as_unregistered_sender_and_approving_it_registers_the_name()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var moderator = host.Client(EngineHost.ModeratorKey);

        var first = await (await SendAsync(host, "Butikken", text: "Første")).Content.ReadFromJsonAsync<JsonElement>();
        var items = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?rule=unregistered-sender");
        var item = Assert.Single(items.GetProperty("items").EnumerateArray());
        var before = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/senders");
        (await moderator.PostAsJsonAsync($"/api/v1/moderation/items/{item.GetProperty("id").GetString()}/approve", new { reason = "kjent butikk" })).EnsureSuccessStatusCode();
        var after = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/senders");
        var second = await (await SendAsync(host, "BUTIKKEN", text: "Andre")).Content.ReadFromJsonAsync<JsonElement>();
        await SmscTraffic.ArrivedAsync(host, "Første", "Andre");

        Assert.Equal("held", first.GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.Contains("Butikken", item.GetProperty("details").GetString());
        Assert.Equal(["Front"], before.GetProperty("senders").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["Butikken", "Front"], after.GetProperty("senders").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("accepted", second.GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.Equal(1, SmscTraffic.Submits(host).Count(s => s.Text == "Første"));
        Assert.Equal(1, SmscTraffic.Submits(host).Count(s => s.Text == "Andre"));
    }

    [Fact]
    public async Task Moderators_register_and_remove_names_and_the_customer_may_only_read_its_own()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await OtherAccountWithNumberAsync(host);
        var moderator = host.Client(EngineHost.ModeratorKey);

        var registered = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/senders", new { name = "Kampanje" });
        var numeric = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/senders", new { name = "+4790000001" });
        var tooLong = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/senders", new { name = "Altfor langt navn" });
        var byCustomer = await host.Client().PostAsJsonAsync("/api/v1/accounts/demo/senders", new { name = "Selv" });
        var othersList = await host.Client(OtherKey).GetAsync("/api/v1/accounts/demo/senders");
        var unknownAccount = await moderator.GetAsync("/api/v1/accounts/nosuch/senders");
        var removed = await moderator.DeleteAsync("/api/v1/accounts/demo/senders/kampanje");
        var removedAgain = await moderator.DeleteAsync("/api/v1/accounts/demo/senders/Kampanje");
        var afterRemoval = await (await SendAsync(host, "Kampanje")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "name"), (numeric.StatusCode, await NumberRateTests.FieldOf(numeric)));
        Assert.Equal((HttpStatusCode.BadRequest, "name"), (tooLong.StatusCode, await NumberRateTests.FieldOf(tooLong)));
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersList.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "account"), (unknownAccount.StatusCode, await NumberRateTests.FieldOf(unknownAccount)));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "name"), (removedAgain.StatusCode, await NumberRateTests.FieldOf(removedAgain)));
        Assert.Equal("held", afterRemoval.GetProperty("messages")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_protected_name_is_refused_for_every_account_but_those_named_for_it(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        SmscTraffic.Record(host);
        var moderator = host.Client(EngineHost.ModeratorKey);

        var seeded = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/moderation/protected-senders");
        var bank = await SendAsync(host, "DNB", text: "Spoof bank");
        var lookAlike = await SendAsync(host, "P0litiet", text: "Spoof politi");
        var registerProtected = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/senders", new { name = "D.N.B" });
        var customerList = await host.Client().GetAsync("/api/v1/moderation/protected-senders");
        var named = await moderator.PostAsJsonAsync("/api/v1/moderation/protected-senders", new { name = "DNB", accounts = new[] { "demo" } });
        var unknownAccount = await moderator.PostAsJsonAsync("/api/v1/moderation/protected-senders", new { name = "Vipps", accounts = new[] { "nosuch" } });
        var allowed = await (await SendAsync(host, "DNB", text: "Fra banken")).Content.ReadFromJsonAsync<JsonElement>();
        var unprotected = await moderator.DeleteAsync("/api/v1/moderation/protected-senders/Altinn");
        var unprotectedAgain = await moderator.DeleteAsync("/api/v1/moderation/protected-senders/Altinn");
        var formerlyProtected = await (await SendAsync(host, "Altinn", text: "Nå uregistrert")).Content.ReadFromJsonAsync<JsonElement>();
        await SmscTraffic.ArrivedAsync(host, "Fra banken");

        Assert.Contains("Politiet", seeded.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "from"), (bank.StatusCode, await NumberRateTests.FieldOf(bank)));
        Assert.Equal((HttpStatusCode.Forbidden, "from"), (lookAlike.StatusCode, await NumberRateTests.FieldOf(lookAlike)));
        Assert.Equal((HttpStatusCode.Conflict, "name"), (registerProtected.StatusCode, await NumberRateTests.FieldOf(registerProtected)));
        Assert.Equal(HttpStatusCode.Forbidden, customerList.StatusCode);
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "accounts"), (unknownAccount.StatusCode, await NumberRateTests.FieldOf(unknownAccount)));
        Assert.Equal("accepted", allowed.GetProperty("messages")[0].GetProperty("status").GetString()); // named: no registration needed
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (unprotected.StatusCode, unprotectedAgain.StatusCode));
        Assert.Equal("held", formerlyProtected.GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
        Assert.Single(SmscTraffic.Submits(host), s => s.Text == "Fra banken");
    }

    [Fact]
    public async Task A_reply_and_an_auto_reply_from_a_number_the_account_no_longer_owns_are_refused()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        (await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = VirtualNumber, text = "Hei" })).EnsureSuccessStatusCode();
        var conversationId = (await agent.NextMessageAsync("in")).Conversation.Id;
        // The number is given to another account: the old owner's thread may no longer send from it.
        await OtherAccountWithNumberAsync(host, VirtualNumber);

        var reply = await host.Client(token).PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "Spoof svar" });
        // An auto-reply goes the same way as an agent's reply (the inbound pipeline calls this with its rule's work id).
        var autoReply = await Assert.ThrowsAsync<SendRefusedException>(() => host.Services.GetRequiredService<ConversationService>()
            .ReplyAsync(conversationId, "auto-reply", "Spoof autosvar", 3, clientRef: "in_x:0"));
        await SmscTraffic.DrainAsync(host, "Front", Contact);

        Assert.Equal((HttpStatusCode.Forbidden, "from"), (reply.StatusCode, await NumberRateTests.FieldOf(reply)));
        Assert.Equal(("from", Engine.RefusalKind.Forbidden), (autoReply.Field, autoReply.Kind));
        Assert.DoesNotContain(SmscTraffic.Submits(host), s => s.Text.StartsWith("Spoof"));
    }

    [Fact]
    public async Task An_auto_reply_rule_of_a_keyword_on_a_shared_number_still_answers_from_it()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        (await host.Client().PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "DEMO", rules = new[] { new { kind = "AutoReply", target = "Takk for meldingen!" } } }))
            .EnsureSuccessStatusCode();

        (await host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from = Contact, to = "2401", text = "demo hei" })).EnsureSuccessStatusCode();
        var answer = await Poll.UntilAsync(() => Task.FromResult(host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits).FirstOrDefault(s => s.Pdu.DestinationAddr == "4791234567")), "the auto-reply");

        Assert.Equal("2401", answer.Pdu.SourceAddr);
    }
}
