using Akka.Hosting;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Engine.Hosting;

/// <summary>
/// Everything the engine needs, in one call: the actor system (cluster, persistence, sharded entities), the
/// read models, the outbound and inbound paths, and the start-up sequence (<see cref="EngineStartup"/>). The host
/// adds only what faces people: the notifiers behind the live pushes, the API, the hubs and local mode.
/// </summary>
public static class EngineServices
{
    public static IServiceCollection AddFrontActorsEngine(this IServiceCollection services, EngineSettings settings)
    {
        services
            .AddEngineStorage(settings.Storage)
            .AddOutbound(() => OperatorDataFiles.Load(settings.RoutingDataDirectory ?? OperatorDataFiles.SampleDirectory))
            .AddInbound(settings.Inbox, settings.Webhooks)
            .AddSingleton<ReplyFollower>()
            .AddSingleton<ConversationService>()
            .AddSingleton<ConversationProjection>()
            .AddSingleton<IHeldMessageHandOver, PipelineHandOver>()
            .AddSingleton<HeldItemRelease>()
            .AddSingleton<DecisionProjection>()
            .AddSingleton<CampaignHoldProjection>()
            .AddSingleton<ModerationService>()
            .AddSingleton(settings.Abuse)
            .AddSingleton<NumberProjection>()
            .AddSingleton<NumberService>()
            .AddCampaigns()
            .AddSingleton<EngineStartup>();
        services.AddAkka("front-actors", builder => builder.ConfigureFrontActors(settings.Node, settings.Storage, settings.ClusterConfigPath));
        return services;
    }
}

/// <summary>The engine's settings, bound from configuration by the host.</summary>
public sealed record EngineSettings(
    StorageOptions Storage, NodeOptions Node, InboundOptions Inbox, WebhookOptions Webhooks, string? RoutingDataDirectory, string ClusterConfigPath)
{
    /// <summary>Held-item cap and the like (section <c>Abuse</c>).</summary>
    public AbuseOptions Abuse { get; init; } = new();
}
