using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Front.Actors.Engine.Conversations;
using Front.Actors.SmscSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Inbound messages are stored part by part before the operator is answered, parts delivered again are not
/// shown twice, and the work a message causes (auto-reply, webhook) is carried out once, even across a kill -9.
/// </summary>
public class InboundDurabilityTests
{
    private const string Contact = "+4791234567";
    private const string VirtualNumber = "+4790000001";
    private static readonly string LongText = string.Concat(Enumerable.Repeat("Hei, dette er en lang melding. ", 8)).TrimEnd();

    private static SmscSimulator.SmscSimulator AnySimulator(EngineHost host) => host.Simulators.Running.First().Smsc;

    [Fact]
    public async Task A_part_of_a_long_message_is_answered_once_stored_without_waiting_for_the_rest()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var smsc = AnySimulator(host);
        var answeredBefore = smsc.Counters.DeliverSmRespReceived;

        // Part 1 of 2, and part 2 never comes (a crafted or lost part): before, it held its answer for the part timeout.
        Assert.Equal(2, await smsc.InjectMobileOriginatedPartsAsync(Contact, VirtualNumber, LongText, reference: 41, 1));

        await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.DeliverSmRespReceived > answeredBefore ? true : (bool?)null), "part 1 answered");
    }

    [Fact]
    public async Task Parts_of_a_long_message_delivered_again_by_the_operator_are_not_shown_twice()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var token = await host.SignInAsync();
        await using var agent = await InboxFeed.ConnectAsync(host, token);
        var smsc = AnySimulator(host);

        await smsc.InjectMobileOriginatedPartsAsync(Contact, VirtualNumber, LongText, reference: 42, 2, 1);
        var whole = await agent.NextMessageAsync("in");
        // The operator did not get our answers and delivers both parts again; then the contact writes once more.
        await smsc.InjectMobileOriginatedPartsAsync(Contact, VirtualNumber, LongText, reference: 42, 1, 2);
        await smsc.InjectMobileOriginatedAsync(Contact, VirtualNumber, "Og en til");
        var next = await agent.NextMessageAsync("in");

        Assert.Equal(LongText, whole.Message!.Text);
        Assert.Equal("Og en til", next.Message!.Text); // the redelivered parts made no message in between
        var thread = await host.Client(token).GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{whole.Conversation.Id}/messages");
        Assert.Equal([LongText, "Og en til"], thread.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task The_work_of_inbound_messages_in_flight_at_a_kill_9_is_done_once_each_after_the_restart()
    {
        const int count = 150;
        var database = TempFiles.NewPath("front-actors-rules-kill", ".db");
        await using var webhook = await CountingWebhook.StartAsync();
        using var smscSystem = ActorSystem.Create("rules-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(5) });
        var bind = HostProcess.OneBindTo(smsc.Port);
        var contacts = Enumerable.Range(0, count).Select(i => $"+47912{i:D5}").ToList();
        int webhooksAtKill;
        HashSet<string> calledBeforeKill;
        HashSet<string> submittedBeforeKill;
        using (var first = await HostProcess.StartAsync(database, bind))
        {
            var rules = await first.Client.PutAsJsonAsync("/api/v1/rules", new
            {
                number = VirtualNumber,
                rules = new object[] { new { kind = "AutoReply", target = "Takk, vi svarer snart." }, new { kind = "Webhook", target = webhook.Url } },
            });
            Assert.True(rules.IsSuccessStatusCode, await rules.Content.ReadAsStringAsync());
            await smsc.WhenSessionsBound(1).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var contact in contacts)
                await smsc.InjectMobileOriginatedAsync(contact, VirtualNumber, $"Hei fra {contact}");
            // Killed mid-stream: some messages with all their work done, some stored with work to do, some not yet read.
            await Poll.UntilValueAsync(() => Task.FromResult(webhook.Count >= count / 10 ? true : (bool?)null), "a tenth of the webhooks called");
            first.KillHard();
            webhooksAtKill = webhook.Count;
            calledBeforeKill = webhook.Ids.Keys.ToHashSet();
            submittedBeforeKill = smsc.AcceptedSubmits.Select(s => s.Pdu.DestinationAddr).ToHashSet();
        }
        Assert.True(webhooksAtKill < count, "the kill came after all the work was done");

        using var second = await HostProcess.StartAsync(database, bind);
        await Poll.UntilValueAsync(() => Task.FromResult(webhook.Ids.Count == count ? true : (bool?)null), "a webhook call for every message", TimeSpan.FromSeconds(90));
        var autoReplies = await Poll.UntilAsync(() =>
        {
            var replies = smsc.AcceptedSubmits.GroupBy(s => s.Pdu.DestinationAddr).ToList();
            return Task.FromResult(replies.Count == count ? replies : null);
        }, "an auto-reply to every contact", TimeSpan.FromSeconds(90));
        // Drained: a last message and its work arrive after everything before it.
        await smsc.InjectMobileOriginatedAsync("+4741234567", VirtualNumber, "Siste");
        await Poll.UntilValueAsync(() => Task.FromResult(webhook.Ids.Count == count + 1 ? true : (bool?)null), "the last message's webhook");
        await smsc.StopAsync();

        // One auto-reply per message (its thread shows it once, below); SMPP is at least once, so a submit the
        // operator took just before the kill, not yet stored, goes again after the restart. Only those.
        Assert.All(autoReplies.Where(contact => contact.Count() > 1), contact => Assert.Contains(contact.Key, submittedBeforeKill));
        Assert.All(autoReplies, contact => Assert.InRange(contact.Count(), 1, 2));
        Assert.Equal(count + 1, webhook.Ids.Count);
        // HTTP is at least once: a call the customer answered just before the kill, whose answer was not yet
        // stored, is made again. Only those: nothing else is called twice.
        Assert.All(webhook.Ids.Where(id => id.Value > 1), id => Assert.Contains(id.Key, calledBeforeKill));
        Assert.All(webhook.Ids, id => Assert.InRange(id.Value, 1, 2));
        foreach (var contact in contacts)
        {
            var thread = await second.Client.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{ConversationIds.For("demo", VirtualNumber, contact)}/messages");
            var texts = thread.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
            Assert.Equal([$"Hei fra {contact}", "Takk, vi svarer snart."], texts);
        }
    }

    /// <summary>A webhook endpoint that counts calls per message id (the body's "id").</summary>
    private sealed class CountingWebhook : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private CountingWebhook()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.MapPost("/hook", async (HttpContext http) =>
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
                Ids.AddOrUpdate(body.GetProperty("id").GetString()!, 1, (_, n) => n + 1);
                return Results.Ok();
            });
        }

        public ConcurrentDictionary<string, int> Ids { get; } = new();
        public int Count => Ids.Values.Sum();
        public string Url { get; private set; } = "";

        public static async Task<CountingWebhook> StartAsync()
        {
            var hook = new CountingWebhook();
            await hook._app.StartAsync();
            hook.Url = hook._app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook" : "";
            return hook;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
