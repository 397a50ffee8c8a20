
namespace Front.Actors.Host.Api.Keys;

/// <summary>Everything customer keys need, read from configuration so test overrides apply.</summary>
public static class ApiKeyServices
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ApiKeyOptions.Section);
        var options = section.Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        services.Configure<ApiKeyOptions>(section);
        services.AddSingleton<ApiKeyUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
        services.AddSingleton<ApiKeyValidator>();
        services.AddTrustedProxies(configuration);
        services.AddApiKeyRateLimit(options);
        return services;
    }
}
