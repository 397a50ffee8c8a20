using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A real HTTP endpoint on loopback standing in for a customer's webhook; fails the first calls on request, can hold
/// its first call until the test lets it answer, and has a <c>/redirect</c> that sends callers on to <c>/hook</c>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string Signature, byte[] Body)> _calls = Channel.CreateUnbounded<(string, byte[])>();
    private readonly TaskCompletionSource _firstCallArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _holdFirst;
    private int _failuresLeft;
    private int _hookCalls;

    private WebhookReceiver(int failFirst, bool holdFirst)
    {
        _failuresLeft = failFirst;
        _holdFirst = holdFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            if (Interlocked.Increment(ref _hookCalls) == 1 && _holdFirst)
            {
                _firstCallArrived.TrySetResult();
                await _releaseFirstCall.Task;
            }
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                return Results.StatusCode(503);
            _calls.Writer.TryWrite((http.Request.Headers[Domain.Inbound.WebhookSignature.HeaderName].ToString(), body.ToArray()));
            return Results.Ok();
        });
        _app.MapPost("/redirect", () => Results.Redirect("/hook", permanent: false, preserveMethod: true));
    }

    /// <summary>Calls that reached <c>/hook</c>, answered or not.</summary>
    public int HookCalls => Volatile.Read(ref _hookCalls);

    public string RedirectUrl => Url[..^"/hook".Length] + "/redirect";

    public int Port => new Uri(Url).Port;

    /// <summary>With <c>holdFirst</c>: completes when the first call is being held.</summary>
    public Task FirstCallArrived => _firstCallArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lets the held first call answer (503 while failures are left).</summary>
    public void ReleaseFirstCall() => _releaseFirstCall.TrySetResult();

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, bool holdFirst = false)
    {
        var receiver = new WebhookReceiver(failFirst, holdFirst);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetService(typeof(IServer)) is IServer server ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First() : "";
        receiver.Url = address + "/hook";
        return receiver;
    }

    public Task<(string Signature, byte[] Body)> NextCallAsync() => _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        _releaseFirstCall.TrySetResult();
        await _app.DisposeAsync();
    }
}
