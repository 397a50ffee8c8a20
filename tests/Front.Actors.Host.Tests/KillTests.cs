using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>kill -9 of the host process: what was acknowledged is stored, resumed and reported after a restart.</summary>
public class KillTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static string NewDatabaseFile() => Path.Combine(Path.GetTempPath(), $"front-actors-kill-{Guid.NewGuid():N}.db");

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
}
