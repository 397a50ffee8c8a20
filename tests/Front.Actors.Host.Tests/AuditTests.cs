using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Front.Actors.Host.Tests;

/// <summary>Every moderator and admin action is in the audit log once, with who, what, where from and for which account.</summary>
public class AuditTests
{
    [Fact]
    public async Task Each_action_is_recorded_once_secrets_masked_and_an_account_reads_only_its_own()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        var demo = host.Client();
        async Task Ok(Task<HttpResponseMessage> call)
        {
            var response = await call;
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await Ok(moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "acme", name = "Acme AS" }));
        await Ok(moderator.PutAsJsonAsync("/api/v1/accounts/acme/limits", new { messagesPerSecond = 20 }));
        await Ok(moderator.PostAsJsonAsync("/api/v1/accounts/acme/approved-domains", new { domain = "acme.no" }));
        await Ok(moderator.PostAsJsonAsync("/api/v1/accounts/acme/suspend", new { reason = "spam" }));
        await Ok(moderator.PostAsJsonAsync("/api/v1/accounts/acme/resume", new { }));
        await Ok(moderator.PostAsJsonAsync("/api/v1/accounts/acme/senders", new { name = "Acme" }));
        await Ok(moderator.PutAsJsonAsync("/api/v1/numbers/+4790000077", new { ownerAccountId = "acme", shared = false }));
        await Ok(demo.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "+4790000001", rules = new object[] { new { kind = "Webhook", target = "http://127.0.0.1:9/hook", secret = "topp-hemmelig" } },
        }));
        var refused = await moderator.PutAsJsonAsync("/api/v1/accounts/nosuch/limits", new { messagesPerSecond = 5 });

        var all = await ReadAsync(moderator, "/api/v1/audit");
        var demoOwn = await ReadAsync(demo, "/api/v1/audit");
        var demoOthers = await demo.GetAsync("/api/v1/audit?account=acme");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(["account.create", "account.limits", "account.approve-domain", "account.suspend", "account.resume", "sender.register", "number.configure", "rules.set"],
            all.Select(a => a.GetProperty("action").GetString()));
        Assert.All(all.Take(7), a =>
        {
            Assert.Equal("acme", a.GetProperty("accountId").GetString());
            Assert.Equal("moderator", a.GetProperty("role").GetString());
            Assert.Equal("demo-moderator", a.GetProperty("actor").GetString());
        });
        Assert.All(all, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("address").GetString())));
        Assert.Equal("acme", all[0].GetProperty("target").GetString());
        Assert.Contains("\"messagesPerSecond\":20", all[1].GetProperty("details").GetString());
        var rules = all[^1];
        Assert.Equal(("demo", "account-key", "+4790000001"), (rules.GetProperty("accountId").GetString(), rules.GetProperty("role").GetString(), rules.GetProperty("target").GetString()));
        Assert.DoesNotContain("topp-hemmelig", rules.GetProperty("details").GetString());
        Assert.Equal(["rules.set"], demoOwn.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, demoOthers.StatusCode);
    }

    [Fact]
    public async Task The_log_is_paged_and_filtered_by_action()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        foreach (var rate in new[] { 10, 11, 12 })
            (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = rate })).EnsureSuccessStatusCode();
        (await moderator.PostAsJsonAsync("/api/v1/accounts/demo/suspend", new { reason = "x" })).EnsureSuccessStatusCode();

        var first = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=account.limits&limit=2");
        var next = first.GetProperty("next").GetInt64();
        var second = await moderator.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action=account.limits&limit=2&after={next}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Contains("\"messagesPerSecond\":12", second.GetProperty("items")[0].GetProperty("details").GetString());
    }

    [Fact]
    public async Task Moderators_and_operations_read_everything_and_an_organizations_admin_reads_only_their_organizations_entries()
    {
        await using var host = await RoleMatrixTests.StartAsync();
        var moderator = host.Client(EngineHost.ModeratorKey);
        var operations = host.Client(await RoleMatrixTests.SignInAsync(host, "operations@provider"));
        var admin = host.Client(await RoleMatrixTests.SignInAsync(host, "admin@demo"));
        (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "acme", name = "Acme AS" })).EnsureSuccessStatusCode();
        (await moderator.PutAsJsonAsync("/api/v1/accounts/acme/limits", new { messagesPerSecond = 20 })).EnsureSuccessStatusCode();
        (await moderator.PutAsJsonAsync("/api/v1/accounts/demo/limits", new { messagesPerSecond = 30 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/organizations/org-demo/security", new { requireTwoFactor = false, trustedIpRanges = Array.Empty<string>() })).EnsureSuccessStatusCode();

        var byModerator = await ReadAsync(moderator, "/api/v1/audit");
        var byOperations = await ReadAsync(operations, "/api/v1/audit");
        var byAdmin = await ReadAsync(admin, "/api/v1/audit");
        var adminAsksForAcme = await admin.GetAsync("/api/v1/audit?account=acme");

        string[] everything = ["account.create", "account.limits", "account.limits", "organization.security"];
        Assert.Equal(everything, byModerator.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(everything, byOperations.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(["account.limits", "organization.security"], byAdmin.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("demo", byAdmin[0].GetProperty("accountId").GetString());
        Assert.Equal("org-demo", byAdmin[1].GetProperty("organizationId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, adminAsksForAcme.StatusCode);
    }

    private static async Task<List<JsonElement>> ReadAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray().ToList();
}
