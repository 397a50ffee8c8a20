using Microsoft.Extensions.DependencyInjection;
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
    [Fact]
    public async Task A_sign_in_code_not_sent_before_a_restart_expires_instead_of_going_out_after_it()
    {
        var database = TestDatabase.Sqlite();
        string id;
        var unreachable = new Dictionary<string, string?>
        {
            ["Smpp:Simulator:Enabled"] = "false",
            ["Smpp:Binds:0:Name"] = "telenor-down", ["Smpp:Binds:0:Operator"] = "Telenor", ["Smpp:Binds:0:Host"] = "127.0.0.1",
            ["Smpp:Binds:0:Port"] = "1", ["Smpp:Binds:0:SystemId"] = "front",
        };
        await using (var first = await EngineHost.StartAsync(database, unreachable))
        {
            var intake = first.Services.GetRequiredService<Engine.Messages.MessageIntake>();
            var sent = await intake.SendAsync(Engine.Messages.SendCommand.OfProvider("Front", "+4799000002", "Innloggingskoden din er 482913.", "chl_restart"), 1);
            id = Assert.Single(sent.Messages).Id;
        }

        // The simulators record from their start, so a code resent while the engine starts would be seen.
        await using var second = await EngineHost.StartAsync(database, new Dictionary<string, string?> { ["Smpp:Simulator:RecordSubmits"] = "true" });
        var store = second.Services.GetRequiredService<Engine.Storage.MessageStore>();
        var expired = await Poll.UntilAsync(async () => await store.GetAsync(Engine.Messages.SendCommand.ProviderAccountId, id) is { Message.Status: "expired" } found ? found.History : null,
            "the unsent code expired");
        // A later message to the same phone reaches the SMSC, so the resumption is long over.
        await second.Client().PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { "+4799000002" }, text = "Etterpå" });
        await Poll.SubmitToAsync(second, "4799000002");

        Assert.Contains("sign-in code", expired[^1].Detail);
        Assert.DoesNotContain(SmscTraffic.Submits(second), s => s.Text.Contains("482913"));
    }
}
