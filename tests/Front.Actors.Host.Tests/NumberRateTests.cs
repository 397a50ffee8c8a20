using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>A short number's own sending rate, set by the provider at run time: traffic above it waits and is seen waiting.</summary>
public class NumberRateTests
{
    [Fact]
    public async Task Messages_above_a_numbers_rate_wait_visibly_as_queued_and_are_all_delivered()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await using var feed = await StatusFeed.ConnectAsync(host);
        var provider = host.Client(EngineHost.ModeratorKey);
        (await provider.PutAsJsonAsync("/api/v1/numbers/2401", new { ownerAccountId = "demo", shared = false })).EnsureSuccessStatusCode();
        var limited = await (await provider.PutAsJsonAsync("/api/v1/numbers/2401/limits", new { messagesPerSecond = 4 })).Content.ReadFromJsonAsync<JsonElement>();

        var recipients = Enumerable.Range(0, 10).Select(i => $"+4791234{i:D3}").ToArray();
        var response = await host.Client().PostAsJsonAsync("/api/v1/messages", new { from = "2401", to = recipients, text = "Hei fra 2401" });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var sent = await response.Content.ReadFromJsonAsync<JsonElement>();
        var ids = sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
        var delivered = await feed.DeliveredAsync(ids.Count);

        Assert.Equal(4, limited.GetProperty("limits").GetProperty("messagesPerSecond").GetInt32());
        Assert.Equal(ids.ToHashSet(), delivered);
        var last = await host.Client().GetFromJsonAsync<JsonElement>($"/api/v1/messages/{ids[^1]}");
        var details = last.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("detail").GetString() ?? "").ToList();
        Assert.Contains(details, d => d.StartsWith("waiting for the sender rate of 4 msg/s"));
    }

    [Fact]
    public async Task Number_set_up_is_for_the_provider_and_bad_input_is_refused_by_field()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var provider = host.Client(EngineHost.ModeratorKey);

        var asCustomer = await host.Client().PutAsJsonAsync("/api/v1/numbers/2401", new { ownerAccountId = "demo" });
        var badNumber = await provider.PutAsJsonAsync("/api/v1/numbers/Front", new { ownerAccountId = "demo" });
        var noOwner = await provider.PutAsJsonAsync("/api/v1/numbers/2401", new { shared = true });
        var notSetUp = await provider.PutAsJsonAsync("/api/v1/numbers/2402/limits", new { messagesPerSecond = 5 });
        (await provider.PutAsJsonAsync("/api/v1/numbers/2401", new { ownerAccountId = "demo" })).EnsureSuccessStatusCode();
        var absurd = await provider.PutAsJsonAsync("/api/v1/numbers/2401/limits", new { messagesPerSecond = 0 });
        var number = await provider.GetFromJsonAsync<JsonElement>("/api/v1/numbers/2401");

        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "number"), (badNumber.StatusCode, await FieldOf(badNumber)));
        Assert.Equal((HttpStatusCode.BadRequest, "ownerAccountId"), (noOwner.StatusCode, await FieldOf(noOwner)));
        Assert.Equal((HttpStatusCode.NotFound, "number"), (notSetUp.StatusCode, await FieldOf(notSetUp)));
        Assert.Equal((HttpStatusCode.BadRequest, "messagesPerSecond"), (absurd.StatusCode, await FieldOf(absurd)));
        Assert.Equal(JsonValueKind.Null, number.GetProperty("limits").GetProperty("messagesPerSecond").ValueKind);
    }

    [Fact]
    public async Task The_customer_sees_its_own_numbers_in_the_account_view()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var provider = host.Client(EngineHost.ModeratorKey);
        (await provider.PutAsJsonAsync("/api/v1/numbers/+4790000123", new { ownerAccountId = "demo" })).EnsureSuccessStatusCode();
        (await provider.PutAsJsonAsync("/api/v1/numbers/2409", new { ownerAccountId = "someone-else" })).EnsureSuccessStatusCode();

        var account = await host.Client().GetFromJsonAsync<JsonElement>("/api/v1/account");

        Assert.Contains("+4790000123", account.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
        Assert.DoesNotContain("2409", account.GetProperty("numbers").EnumerateArray().Select(n => n.GetString()));
    }

    internal static async Task<string?> FieldOf(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateObject().Single().Name;
    }
}
