using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>What is stored survives a restart; what was stored but not submitted is resumed.</summary>
public class RestartTests
{
    private static async Task<string> StatusAfterAsync(HttpClient client, string id, string wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}")).GetProperty("status").GetString()!;
            if (status == wanted || DateTime.UtcNow > deadline)
                return status;
            await Task.Delay(50); // polling the public API from outside, as a client would
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Statuses_survive_a_restart(string provider)
    {
        var database = TestDatabase.For(provider);
        string id;
        await using (var first = await EngineHost.StartAsync(database))
        {
            var client = first.Client();
            var sent = await (await client.PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Før omstart" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            id = sent.GetProperty("messages")[0].GetProperty("id").GetString()!;
            Assert.Equal("delivered", await StatusAfterAsync(client, id, "delivered"));
        }

        await using var second = await EngineHost.StartAsync(database);
        var after = await second.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");

        Assert.Equal("delivered", after.GetProperty("status").GetString());
        Assert.Equal(4, after.GetProperty("history").GetArrayLength());
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Messages_stored_while_no_operator_was_reachable_are_resumed_after_a_restart(string provider)
    {
        var database = TestDatabase.For(provider);
        string id;
        // First run: no simulators and a bind to a port where nothing listens, so nothing can be submitted.
        var unreachable = new Dictionary<string, string?>
        {
            ["Smpp:Simulator:Enabled"] = "false",
            ["Smpp:Binds:0:Name"] = "telenor-down",
            ["Smpp:Binds:0:Operator"] = "Telenor",
            ["Smpp:Binds:0:Host"] = "127.0.0.1",
            ["Smpp:Binds:0:Port"] = "1",
            ["Smpp:Binds:0:SystemId"] = "front",
        };
        await using (var first = await EngineHost.StartAsync(database, unreachable))
        {
            var response = await first.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "91234567" }, text = "Venter" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
            Assert.Equal("accepted", (await first.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}")).GetProperty("status").GetString());
        }

        await using var second = await EngineHost.StartAsync(database);

        Assert.Equal("delivered", await StatusAfterAsync(second.Client(), id, "delivered"));
    }
}
