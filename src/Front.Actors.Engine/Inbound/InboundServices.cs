using Akka.Actor;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Engine.Inbound;

/// <summary>The inbound path: the part store's pipeline, round-robin assignment and webhooks.</summary>
public static class InboundServices
{
    public static IServiceCollection AddInbound(this IServiceCollection services, InboundOptions inbound, WebhookOptions webhooks) => services
        .AddSingleton(inbound)
        .AddSingleton(webhooks)
        // One client for all webhooks; pooled connections are renewed so DNS changes are picked up.
        .AddSingleton(sp => new WebhookSender(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<Database>(),
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), webhooks))
        .AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookSender>())
        .AddSingleton<AgentRoundRobin>()
        .AddSingleton<InboundPipeline>();
}
