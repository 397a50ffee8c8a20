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
using Front.Actors.Host.Hubs;
using Front.Actors.Host.LocalMode;

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

        services.AddSingleton(storage);
        services.AddSingleton<Database>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<AcceptedMessageWriter>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton(PriceList.Default);
        services.AddSingleton(_ => OperatorDataFiles.Load(configuration["Routing:DataDirectory"] is { Length: > 0 } dir ? dir : OperatorDataFiles.SampleDirectory));
        services.AddSingleton<SignalRStatusNotifier>();
        services.AddSingleton<ReplyFollower>();
        services.AddSingleton<IStatusNotifier>(sp => new StatusNotifiers([sp.GetRequiredService<SignalRStatusNotifier>(), sp.GetRequiredService<ReplyFollower>()]));
        services.AddSingleton<StatusStore>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<ReceiptIntake>();
        services.AddSingleton<OperatorBinds>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<OutboundPipeline>();
        services.AddSingleton<Resumption>();
        services.AddSingleton<MessageIntake>();
        services.AddSingleton<HeldItemStore>();
        services.AddSingleton<Front.Actors.Engine.Moderation.ModerationService>();
        services.AddSingleton<ModeratorKeys>();
        services.AddSingleton<Front.Actors.Engine.Moderation.IModerationNotifier, SignalRModerationNotifier>();
        services.AddSingleton<LocalSimulators>();
        services.AddSingleton<NumberStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<InboundPartStore>();
        services.AddSingleton<InboxWriter>();
        services.AddSingleton<IInboxNotifier, SignalRInboxNotifier>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton(configuration.GetSection("Inbox").Get<InboundOptions>() ?? new InboundOptions());
        services.AddSingleton(configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions());
        // One client for all webhooks; pooled connections are renewed so DNS changes are picked up.
        services.AddSingleton(sp => new WebhookSender(sp.GetRequiredService<Akka.Actor.ActorSystem>(), sp.GetRequiredService<Database>(),
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), sp.GetRequiredService<WebhookOptions>()));
        services.AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookSender>());
        services.AddSingleton<AgentRoundRobin>();
        services.AddSingleton<InboundPipeline>();
        services.AddSingleton<Agents.AgentDirectory>();
        services.AddSingleton<Front.Actors.Engine.ShortNumbers.NumberService>();

        var clusterConfig = Path.Combine(AppContext.BaseDirectory, "cluster-config", "front-actors.hocon");
        services.AddAkka("front-actors", builder => builder.ConfigureFrontActors(node, storage, clusterConfig));
        services.AddHostedService<EngineService>();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(options => options.AddPolicy(InboxHub.Policy, policy => policy.RequireClaim(ApiKeyAuthentication.AccountClaim)));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddSignalR();
        return services;
    }
}
