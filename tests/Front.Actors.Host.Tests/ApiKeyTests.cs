using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Integrators' keys over HTTP: made, listed without their secret, used, revoked at once, kept to their address
/// ranges (the test is the trusted proxy on 127.0.0.1 and forwards the addresses it pretends to come from), and
/// managed only by their own account or a moderator.
/// </summary>
public class ApiKeyTests : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?> { ["Network:TrustedProxies:0"] = "127.0.0.1" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Moderator => _host.Client(EngineHost.ModeratorKey);

    /// <summary>A new account, and its first key as POST /api/v1/accounts gives it.</summary>
    private async Task<string> NewAccountAsync(string id)
    {
        var created = await Moderator.PostAsJsonAsync("/api/v1/accounts", new { id, name = $"{id} AS" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    private static async Task<JsonElement> CreateKeyAsync(HttpClient caller, string account, object body)
    {
        var response = await caller.PostAsJsonAsync($"/api/v1/accounts/{account}/keys", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    private static HttpRequestMessage From(string address, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    [Fact]
    public async Task A_created_key_works_is_listed_without_its_secret_and_shows_when_it_was_used()
    {
        var firstKey = await NewAccountAsync("acme");
        var acme = _host.Client(firstKey);

        var created = await CreateKeyAsync(acme, "acme", new { name = "CRM", allowedIps = Array.Empty<string>() });
        var secret = created.GetProperty("key").GetString()!;
        var used = await _host.Client(secret).GetAsync("/api/v1/account");
        var listText = await (await acme.GetAsync("/api/v1/accounts/acme/keys")).Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(listText).RootElement.GetProperty("items").EnumerateArray().ToList();
        var audit = await Moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=key.create");

        Assert.StartsWith("fa_", firstKey);
        Assert.StartsWith("fa_", secret);
        Assert.True(secret.Length >= 3 + 43, secret); // 32 random bytes in base64url
        Assert.StartsWith("key_", created.GetProperty("id").GetString());
        Assert.Equal("CRM", created.GetProperty("name").GetString());
        Assert.Equal(0, created.GetProperty("allowedIps").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, created.GetProperty("createdAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(["first key", "CRM"], items.Select(i => i.GetProperty("name").GetString()));
        var crm = items.Single(i => i.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, crm.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, crm.GetProperty("revokedAt").ValueKind);
        Assert.All(items, i => Assert.False(i.TryGetProperty("key", out _)));
        Assert.DoesNotContain(secret, listText);
        Assert.DoesNotContain(firstKey, listText);
        Assert.DoesNotContain(Engine.Storage.AccountStore.Hash(secret), listText);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("acme", entry.GetProperty("accountId").GetString());
        Assert.DoesNotContain(secret, entry.GetRawText());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_the_next_request()
    {
        var acme = _host.Client(await NewAccountAsync("acme"));
        var created = await CreateKeyAsync(acme, "acme", new { name = "old integration" });
        var key = _host.Client(created.GetProperty("key").GetString());
        var id = created.GetProperty("id").GetString();

        var before = await key.GetAsync("/api/v1/account");
        var revoked = await acme.DeleteAsync($"/api/v1/accounts/acme/keys/{id}");
        var after = await key.GetAsync("/api/v1/account");
        var unknown = await acme.DeleteAsync("/api/v1/accounts/acme/keys/key_nosuch");
        var listed = (await acme.GetFromJsonAsync<JsonElement>("/api/v1/accounts/acme/keys")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == id);
        var audit = await Moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=key.revoke");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("keyId", (await ErrorsAsync(unknown)).Keys);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.Single(audit.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_restricted_key_works_from_its_ranges_only_and_says_why_elsewhere()
    {
        var created = await CreateKeyAsync(Moderator, "demo", new { name = "office", allowedIps = new[] { "203.0.113.0/24", "2001:db8::1" } });
        var secret = created.GetProperty("key").GetString()!;
        var client = _host.Client(null);

        var inside = await client.SendAsync(From("203.0.113.7", secret));
        var outside = await client.SendAsync(From("198.51.100.1", secret));
        var direct = await _host.Client(secret).GetAsync("/api/v1/account"); // 127.0.0.1 itself is not in the ranges

        Assert.Equal(["203.0.113.0/24", "2001:db8::1/128"], created.GetProperty("allowedIps").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        var why = Assert.Single((await ErrorsAsync(outside))["authorization"]);
        Assert.Contains("only from 203.0.113.0/24", why);
        Assert.Contains("198.51.100.1", why);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }

    [Fact]
    public async Task Bad_fields_are_named_each()
    {
        var response = await _host.Client().PostAsJsonAsync("/api/v1/accounts/demo/keys", new { name = " ", allowedIps = new[] { "203.0.113.7/24" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["allowedIps", "name"], (await ErrorsAsync(response)).Keys.Order());
    }

    [Fact]
    public async Task Another_accounts_key_or_an_agent_cannot_list_create_or_revoke_this_accounts_keys()
    {
        var acme = _host.Client(await NewAccountAsync("acme"));
        var id = (await CreateKeyAsync(acme, "acme", new { name = "CRM" })).GetProperty("id").GetString();
        var demo = _host.Client();
        var agent = _host.Client(await _host.SignInAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await demo.GetAsync("/api/v1/accounts/acme/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demo.PostAsJsonAsync("/api/v1/accounts/acme/keys", new { name = "mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demo.DeleteAsync($"/api/v1/accounts/acme/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await demo.GetAsync("/api/v1/accounts/nosuch/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/accounts/demo/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client(null).GetAsync("/api/v1/accounts/demo/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Moderator.GetAsync("/api/v1/accounts/nosuch/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Moderator.GetAsync("/api/v1/accounts/acme/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync($"/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task The_demo_key_keeps_working_and_is_listed_with_an_id()
    {
        var demo = _host.Client();

        var account = await demo.GetAsync("/api/v1/account");
        var items = (await demo.GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/keys")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var key = Assert.Single(items);
        Assert.StartsWith("key_", key.GetProperty("id").GetString());
        Assert.Equal("demo", key.GetProperty("name").GetString());
    }
}
