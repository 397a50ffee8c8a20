using Akka.Actor;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Front.Actors.Engine.Inbound;

/// <summary>The inbound path: the part store's pipeline, round-robin assignment and webhooks.</summary>
public static class InboundServices
{
    public static IServiceCollection AddInbound(this IServiceCollection services, InboundOptions inbound, WebhookOptions webhooks)
    {
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        return services
            .AddSingleton(inbound)
            .AddSingleton(webhooks)
            .AddSingleton(_ => SecretProtector.FromOptions(webhooks))
            .AddSingleton<IWebhookRules>(sp => sp.GetRequiredService<NumberService>())
            // One client for all webhooks, checking every address it connects to.
            .AddSingleton(sp => new WebhookSender(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<Database>(),
                WebhookHttpClient.Create(webhooks, sp.GetRequiredService<IHostResolver>()), webhooks,
                sp.GetRequiredService<SecretProtector>(), sp.GetRequiredService<IWebhookRules>()))
            .AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookSender>())
            .AddSingleton<AgentRoundRobin>()
            .AddSingleton<InboundMetrics>()
            .AddSingleton<InboundPipeline>();
    }
}
