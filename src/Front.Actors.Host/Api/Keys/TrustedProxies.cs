using Front.Actors.Domain.Identity;
using Microsoft.AspNetCore.HttpOverrides;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// The client's address when the host runs behind proxies: <c>X-Forwarded-For</c> (and <c>-Proto</c>) are
/// believed only from the addresses and ranges in <c>Network:TrustedProxies</c>. Without that list nothing is
/// forwarded and the client is the socket's peer, so a caller cannot pick the address a key's ranges see.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Network:TrustedProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var written = configuration.GetSection(Section).Get<string[]>() ?? [];
        if (!IpRanges.TryParse(written, out var ranges, out var reason))
            throw new InvalidOperationException($"{Section}: {reason}");
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The middleware trusts every sender when both lists are empty; with no proxies configured it must not run at all.
            options.ForwardedHeaders = ranges.IsAny ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var range in ranges.Written)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(range));
        });
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
