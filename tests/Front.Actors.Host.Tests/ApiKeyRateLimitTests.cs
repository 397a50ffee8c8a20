using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// The per-key request rate: a bucket of two that refills one request every 1,000 s, so the third request is over
/// the limit however fast or slow the machine is.
/// </summary>
public class ApiKeyRateLimitTests
{
    [Fact]
    public async Task Over_its_rate_a_key_gets_429_with_Retry_After_while_others_are_not_limited_by_it()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["ApiKeys:RequestsPerSecond"] = "0.001",
            ["ApiKeys:Burst"] = "2",
        });
        var moderator = host.Client(EngineHost.ModeratorKey);
        var created = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/keys", new { name = "busy" });
        var key = host.Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var other = await moderator.PostAsJsonAsync("/api/v1/accounts/demo/keys", new { name = "quiet" });
        var otherKey = host.Client((await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        var first = await key.GetAsync("/api/v1/account");
        var second = await key.GetAsync("/api/v1/account");
        var third = await key.GetAsync("/api/v1/account");
        var quiet = await otherKey.GetAsync("/api/v1/account");
        var moderatorCalls = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            moderatorCalls.Add((await moderator.GetAsync("/api/v1/accounts/demo/keys")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.True(third.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("rate", out _), problem.GetRawText());
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.All(moderatorCalls, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
