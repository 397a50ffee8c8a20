using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Front.Actors.Host.Tests;

/// <summary>A real HTTP endpoint on loopback standing in for a customer's webhook; fails the first calls on request.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string Signature, byte[] Body)> _calls = Channel.CreateUnbounded<(string, byte[])>();
    private int _failuresLeft;

    private WebhookReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                return Results.StatusCode(503);
            _calls.Writer.TryWrite((http.Request.Headers[Domain.Inbound.WebhookSignature.HeaderName].ToString(), body.ToArray()));
            return Results.Ok();
        });
    }

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : "";
        receiver.Url = address + "/hook";
        return receiver;
    }

    public Task<(string Signature, byte[] Body)> NextCallAsync() => _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
