using System.Net;
using System.Net.Sockets;
using Front.Actors.Domain.Webhooks;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// The HTTP client webhooks are called with. Every connection resolves the host itself and connects only to an
/// address the <see cref="AddressPolicy"/> allows, so a name saved as public and later pointed at a private or
/// metadata address (DNS rebinding) is refused when it matters: at connect time. Redirects are not followed (a
/// 3xx is a failed call), and answers are not read beyond their headers.
/// </summary>
public static class WebhookHttpClient
{
    private const int MaxResponseHeadersKilobytes = 16;

    public static HttpClient Create(WebhookOptions options, IHostResolver resolver)
    {
        var policy = new AddressPolicy(options.AllowLoopback);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would connect on our behalf, past the address check
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            MaxResponseHeadersLength = MaxResponseHeadersKilobytes,
            MaxResponseDrainSize = 0,
            // Pooled connections are renewed, so a name's new addresses are resolved (and checked) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, policy, resolver, ct),
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = 64 * 1024 };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, AddressPolicy policy, IHostResolver resolver, CancellationToken ct)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        var allowed = addresses.Where(policy.Allows).ToList();
        if (allowed.Count == 0)
            throw new WebhookAddressRefusedException(endPoint.Host,
                addresses.Length == 0 ? "resolved to no address" : $"resolves only to refused addresses ({policy.Refuse(addresses[0])})");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }
}
