using Akka.Hosting;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Hosting;
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
        services.AddSingleton<IStatusNotifier, SignalRStatusNotifier>();
        services.AddSingleton<StatusWriter>();
        services.AddSingleton<OutboundPipeline>();
        services.AddSingleton<MessageIntake>();
        services.AddSingleton<HeldItemStore>();
        services.AddSingleton<Front.Actors.Engine.Moderation.ModerationService>();
        services.AddSingleton<ModeratorKeys>();
        services.AddSingleton<Front.Actors.Engine.Moderation.IModerationNotifier, SignalRModerationNotifier>();
        services.AddSingleton<LocalSimulators>();
        services.AddSingleton<NumberStore>();
        services.AddSingleton<Front.Actors.Engine.ShortNumbers.NumberService>();

        var clusterConfig = Path.Combine(AppContext.BaseDirectory, "cluster-config", "front-actors.hocon");
        services.AddAkka("front-actors", builder => builder.ConfigureFrontActors(node, storage, clusterConfig));
        services.AddHostedService<EngineService>();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddProblemDetails();
        services.AddSignalR();
        return services;
    }
}
