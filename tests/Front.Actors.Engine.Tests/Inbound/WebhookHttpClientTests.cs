using System.Net;
using System.Net.Sockets;
using System.Text;
using Front.Actors.Engine.Inbound;

namespace Front.Actors.Engine.Tests.Inbound;

/// <summary>The webhook client against a real socket on loopback that answers every request with a fixed response.</summary>
public sealed class WebhookHttpClientTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _requests;

    public WebhookHttpClientTests()
    {
        _listener.Start();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Answers every connection's first request with <paramref name="response"/>.</summary>
    private void Answer(string response) => _ = Task.Run(async () =>
    {
        while (true)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n"))
                read += await stream.ReadAsync(buffer.AsMemory(read));
            Interlocked.Increment(ref _requests);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        }
    });

    private static HttpClient Client(bool allowLoopback, IHostResolver resolver) =>
        WebhookHttpClient.Create(new WebhookOptions { AllowHttp = true, AllowLoopback = allowLoopback }, resolver);

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_before_anything_connects()
    {
        var resolver = new Resolver(IPAddress.Loopback);
        using var client = Client(allowLoopback: false, resolver);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://hooks.customer.test:{Port}/hook", new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(e.InnerException);
        Assert.Equal(WebhookOutcome.RefusedAddress, WebhookOutcome.OfException(e));
        Assert.Equal(1, resolver.Calls);
        Assert.False(_listener.Pending());
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::1")]
    public async Task A_name_resolving_to_a_forbidden_address_is_refused(string address)
    {
        using var client = Client(allowLoopback: false, new Resolver(IPAddress.Parse(address)));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://hooks.customer.test:{Port}/hook", new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(e.InnerException);
    }

    [Fact]
    public async Task Only_the_allowed_addresses_of_a_name_are_connected_to()
    {
        Answer("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        using var client = Client(allowLoopback: true, new Resolver(IPAddress.Parse("169.254.169.254"), IPAddress.Loopback));

        using var response = await client.PostAsync($"http://hooks.customer.test:{Port}/hook", new StringContent("{}"));

        Assert.Equal((HttpStatusCode.NoContent, 1), (response.StatusCode, _requests));
    }

    [Fact]
    public async Task A_redirect_is_answered_as_it_is_and_not_followed()
    {
        Answer($"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{Port}/other\r\nContent-Length: 0\r\n\r\n");
        using var client = Client(allowLoopback: true, new Resolver());

        using var response = await client.PostAsync($"http://127.0.0.1:{Port}/hook", new StringContent("{}"));

        Assert.Equal((HttpStatusCode.TemporaryRedirect, 1), (response.StatusCode, _requests));
        Assert.Equal("3xx", WebhookOutcome.OfStatus(response.StatusCode));
    }

    [Fact]
    public async Task A_literal_loopback_address_is_refused_without_asking_the_resolver()
    {
        var resolver = new Resolver();
        using var client = Client(allowLoopback: false, resolver);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://127.0.0.1:{Port}/hook", new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(e.InnerException);
        Assert.Equal(0, resolver.Calls);
    }

    public void Dispose() => _listener.Stop();

    private sealed class Resolver(params IPAddress[] addresses) : IHostResolver
    {
        public int Calls;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(addresses);
        }
    }
}
