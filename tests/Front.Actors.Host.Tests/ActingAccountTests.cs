using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A signed-in user with roles on several accounts names the account a call acts for (X-Front-Account): honoured on an
/// account they hold a role on, with that account's role checks; any other account is refused (403 naming the header,
/// not a 401 that would send the person to sign in again); an API key ignores it; the audit log records the user with
/// their roles on the account acted for.
/// </summary>
public class ActingAccountTests
{
    [Fact]
    public async Task A_user_acts_for_a_chosen_account_only_where_they_hold_a_role_and_only_with_that_role()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        foreach (var id in new[] { "demo-nord", "demo-sor", "annen" })
            Assert.Equal(HttpStatusCode.Created, (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id, name = id, organizationId = id == "annen" ? null : "org-demo" })).StatusCode);
        await host.Services.GetRequiredService<UserDirectory>().EnsureAsync("org-demo", "eier@demo", "Eva Eier", "en-eier-med-flere-kontoer",
            [new RoleGrant("demo", Role.Admin), new RoleGrant("demo-nord", Role.Admin), new RoleGrant("demo-sor", Role.Agent)]);
        var token = await host.SignInAsync("eier@demo", "en-eier-med-flere-kontoer");

        async Task<HttpResponseMessage> AccountAsync(string? acting, string bearer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account");
            if (acting is not null)
                request.Headers.Add("X-Front-Account", acting);
            return await host.Client(bearer).SendAsync(request);
        }

        var home = await AccountAsync(null, token);
        var chosen = await AccountAsync("demo-nord", token);
        var agentOnly = await AccountAsync("demo-sor", token);
        var notTheirs = await AccountAsync("annen", token);
        var byKey = await AccountAsync("demo-nord", EngineHost.ApiKey);

        Assert.Equal("demo", (await home.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal("demo-nord", (await chosen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, agentOnly.StatusCode); // a role there, but not one this call needs
        Assert.Equal(["your roles do not allow that"], (await agentOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("authorization").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        var refusal = await notTheirs.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["you hold no role on account 'annen'"], refusal.GetProperty("errors").GetProperty("X-Front-Account").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("demo", (await byKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()); // a key has one account
    }

    [Fact]
    public async Task An_action_for_a_chosen_account_is_audited_for_that_account_with_the_users_roles_there()
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        var moderator = host.Client(EngineHost.ModeratorKey);
        foreach (var id in new[] { "demo-nord", "demo-sor" })
            Assert.Equal(HttpStatusCode.Created, (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id, name = id, organizationId = "org-demo" })).StatusCode);
        await host.Services.GetRequiredService<UserDirectory>().EnsureAsync("org-demo", "eier@demo", "Eva Eier", "en-eier-med-flere-kontoer",
            [new RoleGrant("demo", Role.Admin), new RoleGrant("demo-nord", Role.Marketer), new RoleGrant("demo-sor", Role.Agent)]);
        var token = await host.SignInAsync("eier@demo", "en-eier-med-flere-kontoer");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/groups") { Content = JsonContent.Create(new { name = "Nordklubben" }) };
        request.Headers.Add("X-Front-Account", "demo-nord");

        var created = await host.Client(token).SendAsync(request);
        var audit = await moderator.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=group.create");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("eier@demo", "marketer", "demo-nord"),
            (entry.GetProperty("actor").GetString(), entry.GetProperty("role").GetString(), entry.GetProperty("accountId").GetString()));
    }
}
