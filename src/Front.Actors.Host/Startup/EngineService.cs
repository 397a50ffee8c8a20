using Akka.Actor;
using Front.Actors.Engine.Hosting;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Front.Actors.Host.LocalMode;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Startup;

/// <summary>
/// Brings the node up once the actor system runs: the schema, the SMSC simulators and the demo seed (local mode
/// only, see <see cref="LocalModeOptions"/>), then the engine's start-up sequence (<see cref="EngineStartup"/>) on
/// the configured binds and the simulators'.
/// </summary>
public sealed class EngineService(
    ActorSystem system,
    EngineStartup engine,
    AccountStore accounts,
    LocalSimulators simulators,
    ModeratorKeys moderators,
    Front.Actors.Engine.Moderation.ModerationService moderation,
    Front.Actors.Engine.ShortNumbers.NumberService numbers,
    Agents.AgentDirectory agents,
    Identity.UserDirectory users,
    IOptions<SmppOptions> smpp,
    IOptions<DemoOptions> demo,
    IOptions<LocalModeOptions> localMode,
    IOptions<SenderOptions> senderOptions,
    SenderStore senderStore,
    Front.Actors.Engine.Senders.SenderService senders,
    ILogger<EngineService> log) : IHostedService
{
    public const string DemoAccountId = "demo";
    public const string ProviderAccountId = "provider";
    public const string DemoNumber = "+4790000001";
    public const string DemoShortNumber = "2401";
    public const string DemoKeyword = "DEMO";
    public const string DemoAgent = "agent@demo";
    public const string DemoAdmin = "admin@demo";
    public const string DemoMarketer = "marketer@demo";
    public const string DemoModerator = "moderator@provider";
    public const string DemoOperations = "operations@provider";
    public const string DemoSenderName = "Front";

    public async Task StartAsync(CancellationToken ct)
    {
        engine.PrepareStorage();
        await users.MigrateAsync(ct);
        await senderStore.SeedProtectedAsync(senderOptions.Value.ProtectedNames, ct);
        var binds = new List<BindOptions>(smpp.Value.Binds);
        var local = localMode.Value.Enabled;
        if (!local && (smpp.Value.Simulator.Enabled || !string.IsNullOrWhiteSpace(demo.Value.ApiKey)))
            log.LogWarning("LocalMode:Enabled is off: the simulators, the demo account and its keys are not started or seeded");
        if (local && smpp.Value.Simulator.Enabled)
            binds.AddRange(await simulators.StartAsync(system, TimeSpan.FromMilliseconds(smpp.Value.Simulator.ReceiptDelayMs), smpp.Value.Simulator.MaxMessagesPerSecond,
                smpp.Value.Simulator.RecordSubmits));
        if (binds.Count == 0)
            log.LogWarning("No operator binds are configured (Smpp:Binds) and the simulators are off: messages will wait");
        if (local)
            await SeedDemoAsync(ct);
        await engine.StartAsync(binds, ct);
    }

    private async Task SeedDemoAsync(CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(demo.Value.ApiKey) ? "demo-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) : demo.Value.ApiKey;
        await accounts.EnsureWithOnlyKeyAsync(new AccountRecord { Id = DemoAccountId, Organization = "Demo AS", Name = "Demo", MaxSegments = 10 }, key, ct);
        var moderatorKey = string.IsNullOrWhiteSpace(demo.Value.ModeratorKey) ? "mod-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) : demo.Value.ModeratorKey;
        moderators.Add(moderatorKey, "demo-moderator");
        // The demo account is for trying the engine at speed: generous limits unless a moderator set others.
        if ((await moderation.UsageAsync(DemoAccountId, ct)).Limits == Domain.Misuse.AccountLimits.Default)
            await moderation.SetLimitsAsync(DemoAccountId, new Domain.Misuse.AccountLimits(MessagesPerSecond: 10_000, MonthlySegments: 100_000_000, BulkThreshold: 1_000), "local-mode", ct);
        // A virtual number of its own and a keyword on a shared short number, so the chat can be tried at once.
        if (!(await numbers.GetAsync(DemoNumber, ct)).Configured)
            await numbers.ConfigureAsync(DemoNumber, DemoAccountId, shared: false, defaultReply: null, "local-mode", ct);
        if (!(await numbers.GetAsync(DemoShortNumber, ct)).Configured)
            await numbers.ConfigureAsync(DemoShortNumber, ProviderAccountId, shared: true, $"Ukjent kodeord. Send {DemoKeyword} til {DemoShortNumber} for å nå Demo AS.", "local-mode", ct);
        await numbers.RegisterKeywordAsync(DemoShortNumber, DemoKeyword, DemoAccountId, ct);
        // The README's examples send from "Front": the demo account's registered name (registering it again changes nothing).
        await senders.RegisterAsync(DemoAccountId, DemoSenderName, "local-mode", ct);
        var agentPassword = PasswordOf(demo.Value.AgentPassword);
        await agents.EnsureAsync(DemoAccountId, DemoAgent, "Demo Agent", agentPassword, ct);
        // Every seeded user has a (made-up) mobile number, so two-factor sign-in can be tried by turning it on for the
        // demo organization: the codes arrive at the built-in SMSC simulator.
        if (await users.FindAsync(DemoAgent, ct) is { } agentUser)
            await users.SetMobileAsync(agentUser, "+4799000003", ct);
        // One user per role, so each part of the API can be tried as the person it is for.
        var organization = await users.OrganizationOfAsync(DemoAccountId, ct) ?? throw new InvalidOperationException("the demo account has no organization");
        var seeded = new (string UserName, string DisplayName, string? Password, string Organization, Identity.RoleGrant Role, string Mobile)[]
        {
            (DemoAdmin, "Demo Admin", demo.Value.AdminPassword, organization, new(DemoAccountId, Domain.Identity.Role.Admin), "+4799000001"),
            (DemoMarketer, "Demo Marketer", demo.Value.MarketerPassword, organization, new(DemoAccountId, Domain.Identity.Role.Marketer), "+4799000002"),
            (DemoModerator, "Demo Moderator", demo.Value.StaffPassword, Engine.Storage.OrganizationRecord.ProviderId, new(null, Domain.Identity.Role.Moderator), "+4799000004"),
            (DemoOperations, "Demo Operations", demo.Value.StaffPassword, Engine.Storage.OrganizationRecord.ProviderId, new(null, Domain.Identity.Role.Operations), "+4799000005"),
        };
        var signIns = new List<string> { $"{DemoAgent} / {agentPassword}" };
        foreach (var user in seeded)
        {
            var password = PasswordOf(user.Password);
            await users.EnsureAsync(user.Organization, user.UserName, user.DisplayName, password, [user.Role], ct, user.Mobile);
            signIns.Add($"{user.UserName} / {password}");
        }
        // Printed on purpose: local mode is for trying the engine, and this is how to call it.
        Console.WriteLine($"Local mode: demo account '{DemoAccountId}', API key: {key}; moderator key: {moderatorKey}");
        Console.WriteLine($"Local mode: virtual number {DemoNumber}, keyword {DemoKeyword} on shared short number {DemoShortNumber}; " +
                          $"agent sign-in: POST /api/v1/agents/sign-in {{\"userName\": \"{DemoAgent}\", \"password\": \"{agentPassword}\"}}");
        Console.WriteLine($"Local mode: the web app is at /app/sign-in (e.g. http://127.0.0.1:5080/app/sign-in); the agent inbox signs in as {DemoAgent} / {agentPassword}");
        Console.WriteLine($"Local mode: sign in as each role with POST /api/v1/sign-in {{\"userName\", \"password\"}}: {string.Join("; ", signIns)}");
        Console.WriteLine($"Local mode: two-factor sign-in: as admin@demo, PUT /api/v1/organizations/{organization}/security {{\"requireTwoFactor\": true, \"trustedIpRanges\": []}}; " +
                          "the code goes to the user's mobile at the SMSC simulator (GET /api/v1/simulator/submits) and POST /api/v1/sign-in/verify {\"challengeId\", \"code\"} gives the token");
    }

    /// <summary>A configured demo password, or a generated one (long and random enough for <see cref="Domain.Identity.PasswordPolicy"/>).</summary>
    private static string PasswordOf(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) : configured;

    public async Task StopAsync(CancellationToken ct)
    {
        await engine.StopAsync();
        await simulators.DisposeAsync();
    }
}
