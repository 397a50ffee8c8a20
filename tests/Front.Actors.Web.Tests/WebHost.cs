using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Front.Actors.Domain.Text;
using Front.Actors.Host.LocalMode;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Web.Tests;

/// <summary>
/// The real host in-process on Kestrel (loopback, free port) in local mode, with its SMSC simulators and a fresh
/// SQLite file, so the browser talks HTTP and WebSockets to it as to a deployed node. The minimum of Host.Tests'
/// EngineHost: seeded users with known passwords, the moderator key to inject inbound SMS.
/// </summary>
public sealed class WebHost : IAsyncDisposable
{
    public const string ModeratorKey = "test-moderator-0123456789";
    public const string AgentPassword = "test-agent-password";
    public const string MarketerPassword = "test-marketer-password";
    public const string AdminPassword = "test-admin-password";
    public const string StaffPassword = "test-staff-password";
    public const string ApiKey = "test-key-0123456789";
    public const string VirtualNumber = "+4790000001";
    private readonly WebApplicationFactory<Program> _factory;

    private WebHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public Uri BaseAddress => _factory.ClientOptions.BaseAddress;

    public IServiceProvider Services => _factory.Services;

    /// <summary>The texts the built-in simulators accepted for a number (with Smpp:Simulator:RecordSubmits on), in arrival order.</summary>
    public IReadOnlyList<string> SubmitsTo(string destination) =>
        Services.GetRequiredService<LocalSimulators>().Running.SelectMany(r => r.Smsc.AcceptedSubmits)
            .Where(s => s.Pdu.DestinationAddr == destination)
            .Select(s => SmsTextCodec.Decode(s.Pdu.ShortMessage.Span, (DataCoding)s.Pdu.DataCoding)).ToList();

    /// <param name="services">Additions to the host's services (e.g. a test-only failing page).</param>
    public static async Task<WebHost> StartAsync(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LocalMode:Enabled"] = "true",
            ["ApiKeys:RequestsPerSecond"] = "0",
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={TempFiles.NewPath("front-actors-web", ".db")}",
            ["Demo:ApiKey"] = ApiKey,
            ["Demo:ModeratorKey"] = ModeratorKey,
            ["Demo:AgentPassword"] = AgentPassword,
            ["Demo:MarketerPassword"] = MarketerPassword,
            ["Demo:AdminPassword"] = AdminPassword,
            ["Demo:StaffPassword"] = StaffPassword,
            ["Smpp:Simulator:RecordSubmits"] = "true",
            ["Smpp:Simulator:Enabled"] = "true",
            ["Smpp:Simulator:ReceiptDelayMs"] = "20",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            if (services is not null)
                web.ConfigureTestServices(services);
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var host = new WebHost(factory);
        await host.WaitUntilReadyAsync();
        return host;
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = _factory.CreateClient();
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>A contact's SMS, delivered by the simulator to the engine as a real deliver_sm.</summary>
    public async Task InjectAsync(string from, string text, string to = VirtualNumber) =>
        (await Client(ModeratorKey).PostAsJsonAsync("/api/v1/simulator/inbound", new { from, to, text })).EnsureSuccessStatusCode();

    /// <summary>Waits on /health/ready (503 until the binds are up); polling from outside, there is no event to await.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cluster").GetString() == "up")
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"host not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
