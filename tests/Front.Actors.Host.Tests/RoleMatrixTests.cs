using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Every endpoint × every kind of caller (each role, an API key, nobody) × own and another account: a call the table
/// forbids gets 401/403, a call it allows gets anything else. The table must name every endpoint the host maps.
/// </summary>
public sealed class RoleMatrixTests
{
    internal const string Password = "matrix-secret-pass-1";

    private const string Admin = "admin", Marketer = "marketer", Agent = "agent", Moderator = "moderator", Operations = "operations", Key = "key", Anonymous = "anonymous";
    private static readonly string[] Callers = [Admin, Marketer, Agent, Moderator, Operations, Key, Anonymous];
    private static readonly string[] Customer = [Admin, Marketer, Agent, Key];
    private static readonly string[] Anyone = [..Callers];
    private static readonly string[] SignedIn = [Admin, Marketer, Agent, Moderator, Operations, Key];

    /// <summary>Who may call what (an API key holds every customer role on its own account).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["POST /api/v1/messages"] = [Marketer, Key],
        ["GET /api/v1/messages/{id}"] = [Marketer, Key],
        ["GET /api/v1/account"] = [Admin, Marketer, Key],
        ["GET /api/v1/audit"] = [Admin, Key, Moderator, Operations],
        ["POST /api/v1/accounts/{id}/keys"] = [Admin, Key, Moderator],
        ["GET /api/v1/accounts/{id}/keys"] = [Admin, Key, Moderator],
        ["DELETE /api/v1/accounts/{id}/keys/{keyId}"] = [Admin, Key, Moderator],
        ["GET /api/v1/moderation/items"] = [Moderator],
        ["POST /api/v1/moderation/items/{id}/approve"] = [Moderator],
        ["POST /api/v1/moderation/items/{id}/reject"] = [Moderator],
        ["POST /api/v1/moderation/items/approve"] = [Moderator],
        ["POST /api/v1/moderation/items/reject"] = [Moderator],
        ["POST /api/v1/accounts"] = [Moderator, Operations],
        ["PUT /api/v1/accounts/{id}/limits"] = [Moderator],
        ["POST /api/v1/accounts/{id}/approved-domains"] = [Moderator],
        ["POST /api/v1/accounts/{id}/suspend"] = [Moderator],
        ["POST /api/v1/accounts/{id}/resume"] = [Moderator],
        ["GET /api/v1/numbers/{number}"] = [Moderator, Operations],
        ["PUT /api/v1/numbers/{number}"] = [Moderator, Operations],
        ["PUT /api/v1/numbers/{number}/limits"] = [Moderator, Operations],
        ["GET /api/v1/accounts/{id}/senders"] = [Admin, Key, Moderator],
        ["POST /api/v1/accounts/{id}/senders"] = [Moderator],
        ["DELETE /api/v1/accounts/{id}/senders/{name}"] = [Moderator],
        ["GET /api/v1/moderation/protected-senders"] = [Moderator],
        ["POST /api/v1/moderation/protected-senders"] = [Moderator],
        ["DELETE /api/v1/moderation/protected-senders/{name}"] = [Moderator],
        ["GET /api/v1/accounts/{id}/opt-outs"] = [Admin, Marketer, Key, Moderator],
        ["GET /api/v1/accounts/{id}/opt-outs.csv"] = [Admin, Marketer, Key, Moderator],
        ["GET /api/v1/accounts/{id}/contacts"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/contacts"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/contacts/{contactId}"] = [Admin, Marketer, Key],
        ["PUT /api/v1/accounts/{id}/contacts/{contactId}"] = [Admin, Marketer, Key],
        ["DELETE /api/v1/accounts/{id}/contacts/{contactId}"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/contacts/import"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/contacts/import/text"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/groups"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/groups"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/groups/{groupId}"] = [Admin, Marketer, Key],
        ["PUT /api/v1/accounts/{id}/groups/{groupId}"] = [Admin, Marketer, Key],
        ["DELETE /api/v1/accounts/{id}/groups/{groupId}"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/groups/{groupId}/members"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/groups/{groupId}/members"] = [Admin, Marketer, Key],
        ["DELETE /api/v1/accounts/{id}/groups/{groupId}/members/{contactId}"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/templates"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/templates"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/templates/preview"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/templates/{templateId}"] = [Admin, Marketer, Key],
        ["PUT /api/v1/accounts/{id}/templates/{templateId}"] = [Admin, Marketer, Key],
        ["DELETE /api/v1/accounts/{id}/templates/{templateId}"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/campaigns"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/campaigns/{campaignId}"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/start"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/pause"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/resume"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/cancel"] = [Admin, Marketer, Key],
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/test"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/campaigns/{campaignId}/report.csv"] = [Admin, Marketer, Key],
        ["GET /api/v1/accounts/{id}/campaigns/{campaignId}/report"] = [Admin, Marketer, Key],
        // Maker/checker: a marketer's campaign is approved by an admin of the account.
        ["POST /api/v1/accounts/{id}/campaigns/{campaignId}/approve"] = [Admin, Key],
        ["GET /api/v1/accounts/{id}/campaign-settings"] = [Admin, Marketer, Key],
        ["PUT /api/v1/accounts/{id}/campaign-settings"] = [Admin, Key],
        ["POST /api/v1/moderation/campaigns/{campaignId}/approve"] = [Moderator],
        ["POST /api/v1/moderation/campaigns/{campaignId}/reject"] = [Moderator],
        ["GET /api/v1/conversations"] = [Agent, Key],
        ["GET /api/v1/conversations/{id}"] = [Agent, Key],
        ["GET /api/v1/conversations/{id}/messages"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/messages"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/claim"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/release"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/transfer"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/read"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/close"] = [Agent, Key],
        ["POST /api/v1/conversations/{id}/reopen"] = [Agent, Key],
        ["GET /api/v1/conversations/{id}/canned-replies"] = [Agent, Key],
        ["GET /api/v1/conversations/{id}/agents"] = [Agent, Key],
        ["POST /api/v1/moderation/conversations/{id}/take-back"] = [Moderator],
        ["POST /api/v1/keywords"] = [Admin, Key],
        ["DELETE /api/v1/keywords/{shortNumber}/{keyword}"] = [Admin, Key],
        ["PUT /api/v1/rules"] = [Admin, Key],
        ["GET /api/v1/rules"] = [Admin, Key],
        ["GET /api/v1/dashboard"] = [Admin, Marketer, Key, Moderator, Operations],
        ["GET /api/v1/webhooks/deliveries"] = [Admin, Key],
        // A keyword's QR code: its account's admins and marketers (posters are marketing), and moderators.
        ["GET /api/v1/keywords/{shortNumber}/{keyword}/qr.svg"] = [Admin, Marketer, Key, Moderator],
        ["GET /api/v1/keywords/{shortNumber}/{keyword}/qr.png"] = [Admin, Marketer, Key, Moderator],
        ["GET /api/v1/accounts/{id}/sign-ups"] = [Admin, Marketer, Key, Moderator],
        ["GET /api/v1/accounts/{id}/sign-up-rules"] = [Admin, Marketer, Key, Moderator],
        ["POST /api/v1/accounts/{id}/sign-up-rules"] = [Admin, Marketer, Key],
        ["DELETE /api/v1/accounts/{id}/sign-up-rules"] = [Admin, Marketer, Key],
        ["GET /api/v1/inbound/unrouted"] = [Moderator],
        ["POST /api/v1/agents/sign-in"] = Anyone,
        ["POST /api/v1/agents"] = [Admin, Key],
        ["PUT /api/v1/agents/{userName}/accounts"] = [Moderator, Operations],
        ["POST /api/v1/sign-in"] = Anyone,
        ["POST /api/v1/sign-out"] = SignedIn,
        ["PUT /api/v1/users/{userName}/password"] = SignedIn,
        ["POST /api/v1/users"] = [Admin, Key, Moderator, Operations],
        ["GET /api/v1/users"] = [Admin, Key, Moderator, Operations],
        ["PUT /api/v1/users/{userName}/roles"] = [Admin, Key, Moderator, Operations],
        ["DELETE /api/v1/users/{userName}"] = [Admin, Key, Moderator, Operations],
        ["POST /api/v1/simulator/inbound"] = SignedIn,
        ["GET /api/v1/simulator/submits"] = [Moderator, Operations],
        ["POST /api/v1/sign-in/verify"] = Anyone,
        ["PUT /api/v1/users/{userName}/mobile"] = [Admin, Key, Moderator, Operations],
        ["POST /api/v1/organizations"] = [Operations],
        ["GET /api/v1/organizations"] = [Moderator, Operations],
        // An organization's admins on their own organization (demo's), operations on any.
        ["GET /api/v1/organizations/{id}/security"] = [Admin, Key, Operations],
        ["PUT /api/v1/organizations/{id}/security"] = [Admin, Key, Operations],
        // The web app's own endpoints: the pages' cookie session. Their POSTs refuse anyone without the
        // X-Front-Request header (as this matrix calls), which only the app's pages send; Web.Tests cover them.
        ["POST /api/v1/web/sign-in"] = [],
        ["POST /api/v1/web/sign-in/verify"] = [],
        ["POST /api/v1/web/sign-out"] = [],
        ["GET /api/v1/web/me"] = SignedIn,
    };

    [Fact]
    public async Task Every_endpoint_refuses_the_roles_it_does_not_serve_on_own_and_other_accounts_and_serves_the_others()
    {
        await using var host = await StartAsync();
        (await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync("/api/v1/accounts", new { id = "other", name = "Other" })).EnsureSuccessStatusCode();
        var tokens = await SignInAllAsync(host);
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct().ToList();
        Assert.Empty(endpoints.Except(Allowed.Keys)); // a new endpoint needs its row here

        var leaks = new List<string>();
        // Sign-out ends the caller's session: it goes last, after every other call.
        foreach (var endpoint in endpoints.OrderBy(e => e == "POST /api/v1/sign-out"))
            foreach (var account in endpoint.Contains("/accounts/{id}") || endpoint.Contains("/organizations/{id}") ? new[] { "demo", "other" } : ["demo"])
                foreach (var caller in Callers)
                {
                    // Another organization's settings are for operations only; another account's for moderators and operations.
                    var allowed = Allowed[endpoint].Contains(caller) && (account == "demo" || caller is Operations || caller is Moderator && !endpoint.Contains("/organizations/"));
                    var status = await CallAsync(host, endpoint, account, tokens[caller]);
                    var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                    if (allowed == refused)
                        leaks.Add($"{caller} {endpoint} on {account}: {(int)status}");
                }
        Assert.True(leaks.Count == 0, "wrong answers:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public async Task Only_agents_and_account_keys_connect_to_the_inbox_hub_and_only_moderators_to_the_moderation_hub()
    {
        await using var host = await StartAsync();
        var tokens = await SignInAllAsync(host);
        var inbox = new Dictionary<string, bool>();
        var moderation = new Dictionary<string, bool>();
        foreach (var caller in Callers.Where(c => c != Anonymous))
        {
            inbox[caller] = await ConnectsAsync(() => host.ConnectInboxHubAsync(tokens[caller]!));
            moderation[caller] = await ConnectsAsync(() => host.ConnectModerationHubAsync(tokens[caller]!));
        }

        Assert.Equal([Agent, Key], inbox.Where(c => c.Value).Select(c => c.Key).Order());
        Assert.Equal([Moderator], moderation.Where(c => c.Value).Select(c => c.Key));
    }

    internal static Task<EngineHost> StartAsync(Action<IServiceCollection>? services = null) =>
        EngineHost.StartAsync(TestDatabase.Sqlite(), new Dictionary<string, string?>
        {
            ["Demo:AdminPassword"] = Password, ["Demo:MarketerPassword"] = Password, ["Demo:StaffPassword"] = Password,
        }, services);

    internal static async Task<string> SignInAsync(EngineHost host, string userName, string password = Password)
    {
        var response = await host.Client(null).PostAsJsonAsync("/api/v1/sign-in", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {userName}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<Dictionary<string, string?>> SignInAllAsync(EngineHost host) => new()
    {
        [Admin] = await SignInAsync(host, "admin@demo"),
        [Marketer] = await SignInAsync(host, "marketer@demo"),
        [Agent] = await host.SignInAsync(),
        [Moderator] = await SignInAsync(host, "moderator@provider"),
        [Operations] = await SignInAsync(host, "operations@provider"),
        [Key] = EngineHost.ApiKey,
        [Anonymous] = null,
    };

    private static async Task<HttpStatusCode> CallAsync(EngineHost host, string endpoint, string account, string? token)
    {
        var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var path = pattern.Replace("{id}", pattern.StartsWith("/api/v1/accounts/") ? account : pattern.StartsWith("/api/v1/organizations/") ? "org-" + account : "x_none")
            .Replace("{userName}", "nobody@nowhere").Replace("{number}", "%2B4790000009").Replace("{shortNumber}", "2401")
            .Replace("{keyword}", "NONE").Replace("{name}", "None")
            .Replace("{contactId}", "none").Replace("{groupId}", "none").Replace("{templateId}", "none");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var client = host.Client(token);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<bool> ConnectsAsync(Func<Task<HubConnection>> connect)
    {
        try
        {
            await using var connection = await connect();
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
