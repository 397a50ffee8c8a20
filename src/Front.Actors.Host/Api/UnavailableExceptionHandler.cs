using System.Data.Common;
using Akka.Actor;
using Front.Actors.Engine.Messages;
using Microsoft.AspNetCore.Diagnostics;

namespace Front.Actors.Host.Api;

/// <summary>
/// Storage or an entity that cannot answer (a database fail-over, say) is the engine's trouble, not the
/// client's: 503 with Retry-After and a problem body, never a bare 500 or a stack trace.
/// </summary>
public sealed class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> log) : IExceptionHandler
{
    private static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var retryAfter = exception switch
        {
            EngineBusyException busy => busy.RetryAfter,
            DbException or AskTimeoutException or TimeoutException => DefaultRetry,
            _ => (TimeSpan?)null,
        };
        if (retryAfter is null || http.Response.HasStarted)
            return false;
        log.LogWarning("{Method} {Path} refused with 503: {Reason}", http.Request.Method, http.Request.Path, exception.Message);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.Value.TotalSeconds)).ToString();
        await ApiProblems.Field(StatusCodes.Status503ServiceUnavailable, "request",
            $"the engine cannot take this request now ({(exception is EngineBusyException ? exception.Message : "storage is not answering")}); " +
            "nothing of it was kept: try again later, with the same clientRef").ExecuteAsync(http);
        return true;
    }
}
