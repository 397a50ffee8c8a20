using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>Two-way chat end to end: a real deliver_sm from the simulator, the agent's SignalR inbox, replies over SMPP.</summary>
public class InboxTests
{
    private const string Contact = "+4791234567";
    private const string VirtualNumber = "+4790000001";

    /// <summary>A contact's message, injected with the moderator's key, which reaches every account's numbers (a customer's reaches only its own).</summary>
    private static Task<HttpResponseMessage> InjectAsync(EngineHost host, string from, string to, string text) =>
        host.Client(EngineHost.ModeratorKey).PostAsJsonAsync("/api/v1/simulator/inbound", new { from, to, text });

    /// <summary>Another account with its own virtual number and agent.</summary>
    private static async Task<string> OtherAccountAgentAsync(EngineHost host)
    {
        await host.Services.GetRequiredService<AccountStore>().EnsureAsync(new AccountRecord { Id = "other", Organization = "Other AS", Name = "Other", MaxSegments = 10 }, "other-key-0123456789");
        (await host.Client(EngineHost.ModeratorKey).PutAsJsonAsync("/api/v1/numbers/+4790000002", new { ownerAccountId = "other" })).EnsureSuccessStatusCode();
        (await host.Client("other-key-0123456789").PostAsJsonAsync("/api/v1/agents", new { userName = "kari@other", password = "sunny-meadow-42" })).EnsureSuccessStatusCode();
        return await host.SignInAsync("kari@other", "sunny-meadow-42");
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task An_inbound_message_reaches_the_agent_live_and_the_agents_reply_is_delivered_over_smpp(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);

        (await InjectAsync(host, Contact, VirtualNumber, "Hei, når åpner dere?")).EnsureSuccessStatusCode();
        var inbound = await agent.NextMessageAsync("in");
        var conversationId = inbound.Conversation.Id;
        var reply = await agent.Connection.InvokeAsync<JsonElement>("SendReply", conversationId, "Vi åpner kl. 10!");
        var shown = await agent.NextMessageAsync("out");
        var statuses = new List<string>();
        InboxUpdate delivered;
        do
            statuses.Add((delivered = await agent.NextAsync(u => u.Kind == "status")).Message!.Status!);
        while (statuses[^1] != "delivered");

        Assert.Equal(("Hei, når åpner dere?", Contact, VirtualNumber, 1), (inbound.Message!.Text, inbound.Conversation.Contact, inbound.Conversation.OurNumber, inbound.Conversation.Unread));
        Assert.Equal(("Vi åpner kl. 10!", "agent@demo"), (shown.Message!.Text, shown.Message.Author));
        Assert.Equal(reply.GetProperty("id").GetString(), delivered.Message!.MessageId);
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], statuses); // none lost, even those that came before the thread recorded the reply
        var submit = Assert.Single(host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits));
        Assert.Equal(("4790000001", "4791234567"), (submit.Pdu.SourceAddr, submit.Pdu.DestinationAddr));
        var list = await host.Client(token).GetFromJsonAsync<JsonElement>("/api/v1/conversations");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal((conversationId, 0, "Vi åpner kl. 10!"), (item.GetProperty("id").GetString(), item.GetProperty("unread").GetInt32(), item.GetProperty("lastMessage").GetString()));
    }

    [Fact]
    public async Task An_agents_replies_leave_in_the_order_written()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        await InjectAsync(host, Contact, VirtualNumber, "Hei");
        var id = (await agent.NextMessageAsync("in")).Conversation.Id;

        var written = Enumerable.Range(1, 8).Select(i => $"Svar {i}").ToList();
        foreach (var text in written)
            await agent.Connection.InvokeAsync<JsonElement>("SendReply", id, text);
        for (var delivered = 0; delivered < written.Count;)
            if ((await agent.NextAsync(u => u.Kind == "status")).Message!.Status == "delivered")
                delivered++;

        var submitted = host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits).OrderBy(s => s.At)
            .Select(s => Front.Actors.Domain.Text.SmsTextCodec.Decode(s.Pdu.ShortMessage.Span, (Front.Actors.Domain.Text.DataCoding)s.Pdu.DataCoding)).ToList();
        Assert.Equal(written, submitted);
    }

    [Fact]
    public async Task An_agent_of_another_account_sees_nothing_of_this_accounts_threads_and_may_not_act_on_them()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var demoToken = await host.SignInAsync();
        var otherToken = await OtherAccountAgentAsync(host);
        await using var demoAgent = await InboxFeed.ConnectAsync(host, demoToken);
        await using var otherAgent = await InboxFeed.ConnectAsync(host, otherToken);

        await InjectAsync(host, Contact, VirtualNumber, "Til demo");
        var demoThread = (await demoAgent.NextMessageAsync("in")).Conversation.Id;
        // Same contact, so the same inbound lane: the other account's message is handled after demo's.
        await InjectAsync(host, Contact, "+4790000002", "Til other");
        var otherSees = await otherAgent.NextMessageAsync("in");
        var forbidden = await host.Client(otherToken).GetAsync($"/api/v1/conversations/{demoThread}");
        var forbiddenReply = await host.Client(otherToken).PostAsJsonAsync($"/api/v1/conversations/{demoThread}/messages", new { text = "Uvedkommende svar" });
        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => otherAgent.Connection.InvokeAsync("Claim", demoThread));
        var otherList = await host.Client(otherToken).GetFromJsonAsync<JsonElement>("/api/v1/conversations");
        // demo's own later message to the contact, on the lanes the refused reply would have taken, has reached the SMSC.
        var marker = await SmscTraffic.DrainAsync(host, VirtualNumber, Contact);

        Assert.Equal("Til other", otherSees.Message!.Text);
        Assert.Empty(otherAgent.Received());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenReply.StatusCode);
        Assert.Contains("another account", hubRefusal.Message);
        Assert.Equal(["+4790000002"], otherList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("ourNumber").GetString()));
        Assert.Equal([marker], SmscTraffic.Submits(host).Select(s => s.Text));
    }

    [Fact]
    public async Task An_agent_granted_another_account_sees_both_accounts_threads()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var otherToken = await OtherAccountAgentAsync(host);
        var provider = host.Client(EngineHost.ModeratorKey);
        var unknownAccount = await provider.PutAsJsonAsync("/api/v1/agents/kari@other/accounts", new { accountIds = new[] { "nope" } });
        var unknownAgent = await provider.PutAsJsonAsync("/api/v1/agents/nobody/accounts", new { accountIds = new[] { "demo" } });
        var byCustomer = await host.Client().PutAsJsonAsync("/api/v1/agents/kari@other/accounts", new { accountIds = new[] { "demo" } });
        (await provider.PutAsJsonAsync("/api/v1/agents/kari@other/accounts", new { accountIds = new[] { "demo" } })).EnsureSuccessStatusCode();
        await using var kari = await InboxFeed.ConnectAsync(host, otherToken);

        await InjectAsync(host, Contact, VirtualNumber, "Til demo");
        var seen = await kari.NextMessageAsync("in");
        await InjectAsync(host, Contact, "+4790000002", "Til other");
        await kari.NextAsync(u => u.Message?.Text == "Til other");
        var list = await host.Client(otherToken).GetFromJsonAsync<JsonElement>("/api/v1/conversations");
        var claimed = await host.Client(otherToken).PostAsync($"/api/v1/conversations/{seen.Conversation.Id}/claim", null);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (unknownAccount.StatusCode, unknownAgent.StatusCode, byCustomer.StatusCode));
        Assert.Equal("demo", seen.Conversation.AccountId);
        Assert.Equal(["demo", "other"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("accountId").GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
    }

    [Fact]
    public async Task A_thread_is_read_from_its_newest_end_a_page_at_a_time_backwards()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        string conversationId = "";
        foreach (var text in new[] { "En", "To", "Tre", "Fire", "Fem" })
        {
            await InjectAsync(host, Contact, VirtualNumber, text);
            conversationId = (await agent.NextMessageAsync("in")).Conversation.Id; // one at a time: their order is the thread's
        }
        var client = host.Client(token);
        async Task<List<(string? Text, long Position)>> PageAsync(string query) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/messages?{query}")).GetProperty("items").EnumerateArray()
                .Select(m => (m.GetProperty("text").GetString(), m.GetProperty("position").GetInt64())).ToList();

        var newest = await PageAsync("limit=2&before=9007199254740991");
        var older = await PageAsync($"limit=2&before={newest[0].Position}");
        var oldest = await PageAsync($"limit=2&before={older[0].Position}");
        var both = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?after=1&before=3");

        Assert.Equal(["Fire", "Fem"], newest.Select(m => m.Text));
        Assert.Equal(["To", "Tre"], older.Select(m => m.Text));
        Assert.Equal(["En"], oldest.Select(m => m.Text));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("before", (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task The_threads_history_and_assignment_are_there_after_a_restart(string provider)
    {
        var database = TestDatabase.For(provider);
        string conversationId;
        await using (var first = await EngineHost.StartAsync(database))
        {
            var token = await first.SignInAsync();
            await using var agent = await InboxFeed.ConnectAsync(first, token);
            await InjectAsync(first, Contact, VirtualNumber, "Første");
            conversationId = (await agent.NextMessageAsync("in")).Conversation.Id;
            await InjectAsync(first, Contact, VirtualNumber, "Andre");
            await agent.NextMessageAsync("in");
            (await first.Client(token).PostAsync($"/api/v1/conversations/{conversationId}/claim", null)).EnsureSuccessStatusCode();
        }

        await using var second = await EngineHost.StartAsync(database);
        var again = await second.SignInAsync();
        var thread = await second.Client(again).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}");
        var messages = await second.Client(again).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{conversationId}/messages");
        // The entity itself recovered its state from the journal: another agent's claim is refused.
        var service = second.Services.GetRequiredService<ConversationService>();
        var claim = await service.CommandAsync(new ConversationCommands.Claim(conversationId, "someone-else"));

        Assert.Equal("agent@demo", thread.GetProperty("assignedTo").GetString());
        Assert.Equal(["Første", "Andre"], messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Contains("assigned to agent@demo", Assert.IsType<ConversationReplies.Refused>(claim).Reason);
    }

    [Fact]
    public async Task A_keyword_on_the_shared_number_reaches_its_account_and_an_unknown_one_gets_the_default_reply()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);

        await InjectAsync(host, Contact, "2401", "  «demo», takk for sist!");
        var routed = await agent.NextMessageAsync("in");
        await InjectAsync(host, "+4791234568", "2401", "HVAFORNOE");
        // The default reply is a message from the number's owner to the contact: it shows at the simulator.
        var unrouted = await Poll.SubmitToAsync(host, "4791234568");

        Assert.Equal(("2401", "«demo», takk for sist!"), (routed.Conversation.OurNumber, routed.Message!.Text));
        Assert.Equal("DEMO", routed.Message.Keyword);
        Assert.Contains("Ukjent kodeord", Front.Actors.Domain.Text.SmsTextCodec.Decode(unrouted.Pdu.ShortMessage.Span, (Front.Actors.Domain.Text.DataCoding)unrouted.Pdu.DataCoding));
        var account = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");
        Assert.Contains(account.GetProperty("keywords").EnumerateArray(), k => k.GetProperty("shortNumber").GetString() == "2401" && k.GetProperty("keyword").GetString() == "DEMO");
        Assert.Contains(VirtualNumber, account.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Stopp_opts_the_contact_out_replies_and_sends_are_refused_and_start_opts_back_in()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        SmscTraffic.Record(host);
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        await InjectAsync(host, Contact, VirtualNumber, "Stopp.");
        var optOut = await agent.NextAsync(u => u.Kind == "opt-out");
        var id = optOut.Conversation.Id;

        var reply = await host.Client(token).PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Er du sikker?" });
        var send = await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = VirtualNumber, to = new[] { Contact, "+4791234599" }, text = "Tilbud!" });
        await InjectAsync(host, Contact, VirtualNumber, "START");
        await agent.NextAsync(u => u.Kind == "opt-in");
        var after = await host.Client(token).PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Velkommen tilbake" });
        // The reply after START is the later ordinary message, on the same lanes: once it is at the SMSC, what was refused before it is not coming.
        await Poll.UntilAsync(() => Task.FromResult<string?>(SmscTraffic.Submits(host).Select(s => s.Text).FirstOrDefault(t => t == "Velkommen tilbake")), "the reply after START at the SMSC");

        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);
        Assert.Contains("opted out", await reply.Content.ReadAsStringAsync());
        var sent = await send.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["+4791234599"], sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("to").GetString()));
        Assert.Contains("opted out", sent.GetProperty("rejected")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        var submits = SmscTraffic.Submits(host);
        Assert.Equal(["Velkommen tilbake"], submits.Where(s => s.To == "4791234567").Select(s => s.Text));
        Assert.Equal([("4791234599", "Tilbud!")], submits.Where(s => s.To != "4791234567"));
    }

    [Fact]
    public async Task A_client_that_reconnects_resumes_from_its_last_position_and_gets_what_it_missed()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var token = await host.SignInAsync();
        long position;
        await using (var agent = await InboxFeed.ConnectAsync(host, token))
        {
            await InjectAsync(host, Contact, VirtualNumber, "Før");
            position = (await agent.NextMessageAsync("in")).Position;
        }
        await using var watcher = await InboxFeed.ConnectAsync(host, token);
        await InjectAsync(host, Contact, VirtualNumber, "Mens du var borte 1");
        await InjectAsync(host, Contact, VirtualNumber, "Mens du var borte 2");
        await watcher.NextAsync(u => u.Message?.Text == "Mens du var borte 2");

        await using var reconnected = await InboxFeed.ConnectAsync(host, token);
        var missed = await reconnected.Connection.InvokeAsync<List<InboxUpdate>>("Resume", position);

        Assert.Equal(["Mens du var borte 1", "Mens du var borte 2"], missed.Where(u => u.Kind == "message").Select(u => u.Message!.Text));
        Assert.True(missed.Zip(missed.Skip(1)).All(p => p.Item1.Position < p.Item2.Position));
    }

    [Fact]
    public async Task Other_agents_see_who_is_typing_in_a_thread()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var token = await host.SignInAsync();
        await using var kari = await InboxFeed.ConnectAsync(host, token);
        await using var ola = await InboxFeed.ConnectAsync(host, await host.SignInAsync());
        await InjectAsync(host, Contact, VirtualNumber, "Hei");
        var id = (await kari.NextMessageAsync("in")).Conversation.Id;

        await kari.Connection.InvokeAsync("Typing", id);
        var seen = await ola.NextActivityAsync();

        Assert.Equal((id, "agent@demo", "typing"), (seen.ConversationId, seen.Agent, seen.Activity));
    }

    [Fact]
    public async Task A_long_inbound_message_arrives_whole_and_bad_or_unroutable_input_is_refused_or_kept()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        var longText = string.Concat(Enumerable.Repeat("Dette er en lang melding med æøå. ", 10)).Trim();

        await InjectAsync(host, Contact, VirtualNumber, longText);
        var whole = await agent.NextMessageAsync("in");
        var badFrom = await InjectAsync(host, "12", VirtualNumber, "Hei");
        var empty = await InjectAsync(host, Contact, VirtualNumber, " ");
        (await InjectAsync(host, Contact, "+4790000099", "Hallo?")).EnsureSuccessStatusCode();
        var unknownConversation = await host.Client(token).GetAsync("/api/v1/conversations/c_000000000000000000000000");

        Assert.Equal(longText, whole.Message!.Text);
        Assert.Equal(HttpStatusCode.BadRequest, badFrom.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownConversation.StatusCode);
        var unrouted = await Poll.UntilAsync(async () =>
        {
            var list = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/inbound/unrouted");
            return list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("to").GetString() == "+4790000099").Select(i => i.GetProperty("reason").GetString()).FirstOrDefault();
        }, "the unrouted message");
        Assert.Contains("not one of our numbers", unrouted);
    }
}
