using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Front.Actors.Engine.Campaigns;

/// <summary>Campaigns' services: the store, the intake hand-over, the entity's work and the API's service.</summary>
public static class CampaignServices
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.TryAddSingleton<ICampaignProgressNotifier, NoCampaignProgress>();
        return services
            .AddSingleton<CampaignStore>()
            .AddSingleton<ICampaignSender, IntakeCampaignSender>()
            .AddSingleton(sp => new CampaignWork(sp.GetRequiredService<CampaignStore>(), sp.GetRequiredService<ICampaignSender>(), sp.GetRequiredService<ICampaignProgressNotifier>()))
            .AddSingleton<CampaignService>()
            .AddSingleton<CampaignWakeUp>();
    }
}

/// <summary>
/// After a restart, brings up every campaign with work ahead (scheduled, running, waiting for its window): entities start
/// only when asked, and their timers and streams were lost with the process.
/// </summary>
public sealed class CampaignWakeUp(CampaignStore store, IRequiredActor<CampaignRegion> campaigns)
{
    public async Task<int> WakeAsync(CancellationToken ct = default)
    {
        var ids = await store.ActiveIdsAsync(ct);
        foreach (var id in ids)
            campaigns.ActorRef.Tell(new CampaignCommands.Wake(id));
        return ids.Count;
    }
}
