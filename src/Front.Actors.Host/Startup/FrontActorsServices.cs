using Akka.Hosting;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Hosting;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Api;
using Front.Actors.Host.Api.Keys;
using Front.Actors.Host.Hubs;
using Front.Actors.Host.LocalMode;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Front.Actors.Host.Startup;

/// <summary>Everything the host registers, read from configuration so that test overrides apply.</summary>
public static class FrontActorsServices
{
    public static IServiceCollection AddFrontActors(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var node = configuration.GetSection("Cluster").Get<NodeOptions>() ?? new NodeOptions();
        services.Configure<SmppOptions>(configuration.GetSection("Smpp"));
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        services.Configure<LocalModeOptions>(configuration.GetSection(LocalModeOptions.Section));
        services.Configure<SenderOptions>(configuration.GetSection("Senders"));
        services.Configure<ContactOptions>(configuration.GetSection("Contacts"));

        services.AddFrontActorsEngine(new EngineSettings(storage, node,
            configuration.GetSection("Inbox").Get<InboundOptions>() ?? new InboundOptions(),
            configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions(),
            configuration["Routing:DataDirectory"] is { Length: > 0 } dir ? dir : null,
            Path.Combine(AppContext.BaseDirectory, "cluster-config", "front-actors.hocon"))
        {
            Abuse = configuration.GetSection("Abuse").Get<Front.Actors.Engine.Moderation.AbuseOptions>() ?? new(),
        });

        // What faces people: the live pushes behind the engine's notifier interfaces, keys, agents, local mode.
        services.AddSingleton<SignalRStatusNotifier>();
        services.AddSingleton<Dashboard.ThroughputMeter>();
        services.AddSingleton<IStatusNotifier>(sp => new StatusNotifiers([
            sp.GetRequiredService<SignalRStatusNotifier>(), sp.GetRequiredService<ReplyFollower>(), sp.GetRequiredService<Dashboard.ThroughputMeter>()]));
        services.AddSingleton<IInboxNotifier, SignalRInboxNotifier>();
        services.AddSingleton<Front.Actors.Engine.Moderation.IModerationNotifier, SignalRModerationNotifier>();
        services.AddSingleton<Front.Actors.Engine.Campaigns.ICampaignProgressNotifier, SignalRCampaignProgress>();
        services.AddSingleton<ModeratorKeys>();
        services.AddSingleton<Agents.AgentDirectory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Identity.UserDirectory>();
        services.AddSingleton<Identity.SessionStore>();
        services.Configure<Identity.TwoFactorOptions>(configuration.GetSection(Identity.TwoFactorOptions.Section));
        services.AddSingleton<Identity.OrganizationDirectory>();
        services.AddSingleton<Identity.SignInChallenges>();
        services.AddSingleton<Identity.SignInService>();
        services.AddSingleton<Identity.UserAuthority>();
        services.AddSingleton<Identity.HubConnections>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Identity.AccountRoleHandler>();
        services.AddSingleton<LocalSimulators>();
        services.AddHostedService<EngineService>();

        services.AddApiKeys(configuration);
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(options =>
        {
            options.AddPolicy(InboxHub.Policy, Identity.AccountRoleEndpoints.Policy(Identity.AccountScope.Any, Domain.Identity.Role.Agent));
            options.AddPolicy(MessagesHub.Policy, Identity.AccountRoleEndpoints.Policy(Identity.AccountScope.RouteOrOwn, Domain.Identity.Role.Marketer, Domain.Identity.Role.Admin));
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemShape.Complete);
        // Binding failures are thrown to BadRequestExceptionHandler, which names the field, instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Web.WebErrorHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddSignalR();
        // Every hub's signed-in connections are tracked so that revoking a session or withdrawing access closes them.
        services.AddOptions<Microsoft.AspNetCore.SignalR.HubOptions>().Configure<Identity.HubConnections>((options, connections) => Microsoft.AspNetCore.SignalR.HubOptionsExtensions.AddFilter(options, connections));
        services.AddApiDocument();
        return services;
    }
}
