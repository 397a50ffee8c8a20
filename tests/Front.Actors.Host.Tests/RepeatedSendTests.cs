using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Copies of one send (the same clientRef), sent at once as a client retrying after a timeout does, are one send:
/// the same message ids in every answer, one held item for the moderator, counted once in the month's volume.
/// </summary>
public class RepeatedSendTests
{
    [Fact]
    public async Task Racing_copies_of_a_held_send_make_one_held_item_and_are_counted_once()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var client = host.Client();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("monthToDate").GetProperty("messages").GetInt64();
        var request = new { from = "Front", to = new[] { "+4791234567", "+4791234568" }, text = "Tilbud: http://svindel.example/x", clientRef = "race-1" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/messages", request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray()
                .Select(m => (Id: m.GetProperty("id").GetString(), Status: m.GetProperty("status").GetString())).OrderBy(m => m.Id).ToList();
        }));
        var account = await client.GetFromJsonAsync<JsonElement>("/api/v1/account");
        var queue = await host.Client(EngineHost.ModeratorKey).GetFromJsonAsync<JsonElement>("/api/v1/moderation/items?account=demo");

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.All(answers[0], m => Assert.Equal("held", m.Status));
        Assert.Single(account.GetProperty("heldItems").EnumerateArray());
        Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(2, queue.GetProperty("items")[0].GetProperty("messageCount").GetInt32());

        // Approved once, the two messages count once.
        var item = queue.GetProperty("items")[0].GetProperty("id").GetString();
        (await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync($"/api/v1/moderation/items/{item}/approve", new { reason = "ok" })).EnsureSuccessStatusCode();
        var after = (await client.GetFromJsonAsync<JsonElement>("/api/v1/account")).GetProperty("monthToDate").GetProperty("messages").GetInt64();
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task Racing_copies_of_an_admitted_send_are_counted_once()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var client = host.Client();
        var request = new { from = "Front", to = new[] { "+4791234567" }, text = "Hei", clientRef = "race-2" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            (await (await client.PostAsJsonAsync("/api/v1/messages", request)).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("messages")[0].GetProperty("id").GetString()));
        var account = await client.GetFromJsonAsync<JsonElement>("/api/v1/account");

        Assert.Single(answers.Distinct());
        Assert.Equal(1, account.GetProperty("monthToDate").GetProperty("messages").GetInt64());
    }
}
