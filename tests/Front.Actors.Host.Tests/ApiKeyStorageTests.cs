using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>A key's whole life on each database: made with its ranges, used, listed with its times, revoked.</summary>
public class ApiKeyStorageTests
{
    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_key_is_made_used_listed_and_revoked(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        var demo = host.Client();
        var created = await (await demo.PostAsJsonAsync("/api/v1/accounts/demo/keys", new { name = "CRM", allowedIps = new[] { "127.0.0.0/8" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var key = host.Client(created.GetProperty("key").GetString());
        var id = created.GetProperty("id").GetString();

        var used = await key.GetAsync("/api/v1/account");
        var listed = (await demo.GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/keys")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);
        var revoked = await demo.DeleteAsync($"/api/v1/accounts/demo/keys/{id}");
        var after = await key.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(["127.0.0.0/8"], listed.GetProperty("allowedIps").EnumerateArray().Select(a => a.GetString()));
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
