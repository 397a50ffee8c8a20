using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Front.Actors.SmscSimulator;

namespace Front.Actors.Host.Tests;

/// <summary>kill -9 of the host process: what was acknowledged is stored, resumed and reported after a restart.</summary>
public class KillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static string NewDatabaseFile() => TempFiles.NewPath("front-actors-kill", ".db");

    private static async Task<List<string>> SendAsync(HttpClient client, params string[] to)
    {
        var response = await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to, text = "Overlever kill -9" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task Messages_acknowledged_before_a_kill_9_are_resumed_and_delivered_after_the_restart()
    {
        var database = NewDatabaseFile();
        List<string> ids;
        // No operator reachable: the messages can only be stored when the process dies.
        using (var first = await HostProcess.StartAsync(database, "--Smpp:Simulator:Enabled=false",
                   "--Smpp:Binds:0:Name=telenor-down", "--Smpp:Binds:0:Operator=Telenor", "--Smpp:Binds:0:Host=127.0.0.1",
                   "--Smpp:Binds:0:Port=1", "--Smpp:Binds:0:SystemId=front"))
        {
            ids = await SendAsync(first.Client, "91234567", "91234568", "41234567", "96000000");
            // At the kill every message is stored and none has left: the restart has all of them still to send.
            foreach (var id in ids)
                Assert.Contains((await first.GetMessageAsync(id)).GetProperty("status").GetString(), new[] { "accepted", "queued" });
            first.KillHard();
        }

        using var second = await HostProcess.StartAsync(database, "--Smpp:Simulator:ReceiptDelayMs=20");

        foreach (var id in ids)
            Assert.Equal("delivered", await second.StatusAfterAsync(id, "delivered", Limit));
        var history = (await second.GetMessageAsync(ids[0])).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString());
        Assert.Equal(["accepted", "queued", "submitted", "delivered"], history);
    }

    [Fact]
    public async Task A_submitted_status_survives_a_kill_9()
    {
        var database = NewDatabaseFile();
        string id;
        // Receipts an hour away: the message is submitted and stays so when the process dies.
        using (var first = await HostProcess.StartAsync(database, "--Smpp:Simulator:ReceiptDelayMs=3600000"))
        {
            id = (await SendAsync(first.Client, "91234567"))[0];
            Assert.Equal("submitted", await first.StatusAfterAsync(id, "submitted", Limit));
            first.KillHard();
        }

        using var second = await HostProcess.StartAsync(database);
        var message = await second.GetMessageAsync(id);

        Assert.Equal("submitted", message.GetProperty("status").GetString());
        Assert.Contains("operator message id", message.GetProperty("history")[2].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Inbound_messages_in_flight_at_a_kill_9_are_delivered_again_by_the_smsc_and_none_is_lost()
    {
        const int count = 3_000; // enough that the kill lands mid-stream however fast the host answers
        var database = NewDatabaseFile();
        using var smscSystem = ActorSystem.Create("mo-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { RecordSubmits = false });
        var bind = HostProcess.OneBindTo(smsc.Port);
        using (var first = await HostProcess.StartAsync(database, bind))
        {
            await smsc.WhenSessionsBound(1).WaitAsync(Limit);
            for (var i = 0; i < count; i++)
                await smsc.InjectMobileOriginatedAsync("+4791234567", "+4790000001", $"n{i}");
            // Killed mid-stream: some stored, some taken from the socket but not yet stored, some still on the wire.
            await Poll.UntilValueAsync(async () => (await TextsAsync(first.Client)).Count >= count / 5 ? true : (bool?)null, "a fifth of the messages stored");
            first.KillHard();
        }
        var atKill = await CountersOnceTheLinkIsGoneAsync(smsc);
        output.WriteLine($"SMSC at the kill: {atKill}");
        // The kill landed mid-stream: some were stored (polled above), and some were still unanswered at the SMSC, which must send them again.
        Assert.True(atKill.DeliveriesHandedOn > 0, $"every deliver_sm had been answered before the kill: {atKill}");
        Assert.True(atKill.DeliverSmRespReceived < count, $"all {count} answered before the kill: {atKill}");

        using var second = await HostProcess.StartAsync(database, bind);
        var id = Front.Actors.Engine.Conversations.ConversationIds.For("demo", "+4790000001", "+4791234567");
        var texts = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (texts.Count < count && DateTime.UtcNow < deadline)
        {
            texts = await TextsAsync(second.Client);
            await Task.Delay(100); // only the HTTP view is there to watch from outside the process
        }
        var atEnd = smsc.Counters;
        await smsc.StopAsync();

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"n{i}").ToHashSet(), texts);
        // Those stored but not answered before the kill were delivered again by the SMSC: shown once all the same.
        Assert.Equal(count, (await ThreadAsync(second.Client)).Count);
        Assert.True(atEnd.MobileOriginatedSent >= count + atKill.DeliveriesHandedOn, $"what was owed at the kill was sent again: {atEnd}");
    }

    [Fact]
    public async Task Receipts_in_flight_at_a_kill_9_are_delivered_again_and_recorded_once()
    {
        var database = NewDatabaseFile();
        using var smscSystem = ActorSystem.Create("receipt-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(300), RecordSubmits = false });
        var bind = HostProcess.OneBindTo(smsc.Port);
        var ids = new List<string>();
        using (var first = await HostProcess.StartAsync(database, bind))
        {
            for (var batch = 0; batch < 3; batch++)
                ids.AddRange(await SendAsync(first.Client, Enumerable.Range(0, 100).Select(i => $"9{batch}{i:D6}").ToArray()));
            // Killed while receipts come in: some stored and answered, some stored and not yet answered, some not yet read.
            Assert.Equal("delivered", await first.StatusAfterAsync(ids[0], "delivered", Limit));
            // A receipt is stored before it is answered: wait for the SMSC to have seen an answer, so the kill lands after one.
            await Poll.UntilValueAsync(() => Task.FromResult(smsc.Counters.DeliverSmRespReceived > 0 ? true : (bool?)null), "a receipt answered");
            first.KillHard();
        }
        var atKill = await CountersOnceTheLinkIsGoneAsync(smsc);
        output.WriteLine($"SMSC at the kill: {atKill}");
        // The kill landed mid-stream: receipts had been answered (the first message was delivered), others were still owed,
        // and at the account's default rate (50/s) not every message had even been submitted.
        Assert.True(atKill.DeliverSmRespReceived > 0, atKill.ToString());
        Assert.True(atKill.DeliveriesHandedOn > 0, $"no receipt was owed at the kill: {atKill}");
        Assert.True(atKill.SubmitsAccepted < ids.Count, $"all {ids.Count} submitted before the kill: {atKill}");

        using var second = await HostProcess.StartAsync(database, bind);
        foreach (var id in ids)
            Assert.Equal("delivered", await second.StatusAfterAsync(id, "delivered", Limit));
        await smsc.StopAsync();

        foreach (var id in ids)
        {
            var history = (await second.GetMessageAsync(id)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
            Assert.Equal(1, history.Count(s => s == "delivered"));
        }
    }

    /// <summary>The simulator's counters once it has seen the killed host's link end (and handed on what that link owed).</summary>
    private static async Task<SmscCountersSnapshot> CountersOnceTheLinkIsGoneAsync(SmscSimulator.SmscSimulator smsc) =>
        await Poll.UntilAsync(() => Task.FromResult(smsc.Counters is { ActiveSessions: 0 } counters ? counters : null), "the SMSC to see the link end");

    /// <summary>Settings for a host with the built-in simulators off and one bind to the simulator this test runs.</summary>
    private static async Task<HashSet<string>> TextsAsync(HttpClient client) => (await ThreadAsync(client)).ToHashSet();

    /// <summary>The thread's texts in order, duplicates included.</summary>
    private static async Task<List<string>> ThreadAsync(HttpClient client)
    {
        var id = Front.Actors.Engine.Conversations.ConversationIds.For("demo", "+4790000001", "+4791234567");
        var texts = new List<string>();
        for (long after = 0; ;)
        {
            var response = await client.GetAsync($"/api/v1/conversations/{id}/messages?limit=1000&after={after}");
            if (!response.IsSuccessStatusCode)
                return texts;
            var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
                return texts;
            foreach (var message in items)
                texts.Add(message.GetProperty("text").GetString()!);
            after = items[^1].GetProperty("position").GetInt64();
        }
    }
}
