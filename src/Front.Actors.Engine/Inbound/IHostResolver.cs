using System.Net;

namespace Front.Actors.Engine.Inbound;

/// <summary>Resolves a webhook's host name to addresses; replaceable so tests can point a name at any address.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>The system's DNS.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
