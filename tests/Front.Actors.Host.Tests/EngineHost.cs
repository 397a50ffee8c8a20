using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Host.LocalMode;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// The real host, booted in-process on Kestrel (loopback, free port) with its built-in simulators and a
/// database of the test's choosing, so HTTP and SignalR go over real sockets.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789";
    public const string ModeratorKey = "test-moderator-0123456789";
    public const string AgentPassword = "test-agent-password";
    public const string TestSecretKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="; // bytes 0..31
    private readonly WebApplicationFactory<Program> _factory;

    private EngineHost(WebApplicationFactory<Program> factory) => _factory = factory;

    /// <param name="services">Replacements for the host's services (e.g. the webhooks' name resolver).</param>
    public static async Task<EngineHost> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["LocalMode:Enabled"] = "true",
            // Tests poll with the demo key far above a customer's request rate; the rate limit's own test sets one.
            ["ApiKeys:RequestsPerSecond"] = "0",
            ["Storage:Provider"] = database.Provider,
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Demo:ApiKey"] = ApiKey,
            ["Demo:ModeratorKey"] = ModeratorKey,
            ["Demo:AgentPassword"] = AgentPassword,
            ["Smpp:Simulator:Enabled"] = "true",
            ["Smpp:Simulator:ReceiptDelayMs"] = "20",
            // Test receivers are plain http on 127.0.0.1; WebhookSafetyTests turn these off to prove the refusals.
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowLoopback"] = "true",
            ["Webhooks:SecretKey"] = TestSecretKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in all)
                web.UseSetting(key, value);
            if (services is not null)
                web.ConfigureTestServices(services);
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var host = new EngineHost(factory);
        await host.WaitUntilReadyAsync(all["Smpp:Simulator:Enabled"] == "true");
        return host;
    }

    public HttpClient Client(string? apiKey = ApiKey)
    {
        var client = _factory.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public LocalSimulators Simulators => _factory.Services.GetRequiredService<LocalSimulators>();

    public IServiceProvider Services => _factory.Services;

    public Task<HubConnection> ConnectHubAsync(bool batched = false) => ConnectAsync(batched ? "/hubs/messages?batched=true" : "/hubs/messages", ApiKey);

    public Task<HubConnection> ConnectModerationHubAsync(string key = ModeratorKey) => ConnectAsync("/hubs/moderation", key);

    public Task<HubConnection> ConnectInboxHubAsync(string token) => ConnectAsync("/hubs/inbox", token);

    public Task<HubConnection> ConnectCampaignsHubAsync(string key = ApiKey) => ConnectAsync("/hubs/campaigns", key);

    /// <summary>Signs an agent in over the API and returns its session token.</summary>
    public async Task<string> SignInAsync(string userName = "agent@demo", string password = AgentPassword)
    {
        var response = await Client(null).PostAsJsonAsync("/api/v1/agents/sign-in", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"sign-in of {userName} failed: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HubConnection> ConnectAsync(string path, string key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.ClientOptions.BaseAddress, path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Waits on /health/ready (which answers 503 until the binds are up), bounded by a limit.</summary>
    private async Task WaitUntilReadyAsync(bool bindsExpected)
    {
        using var client = Client(null);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode || !bindsExpected && response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.GetProperty("cluster").GetString() == "up")
                    return;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"host not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50); // polling a readiness endpoint from outside; there is no event to await
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
