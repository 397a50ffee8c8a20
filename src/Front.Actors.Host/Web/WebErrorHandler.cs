using Microsoft.AspNetCore.Diagnostics;

namespace Front.Actors.Host.Web;

/// <summary>A failure while answering a page under /app shows the friendly error page (status 500), never a stack trace.</summary>
public sealed class WebErrorHandler(IWebHostEnvironment env, ILogger<WebErrorHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!http.Request.Path.StartsWithSegments("/app") || http.Response.HasStarted)
            return false;
        log.LogError(exception, "Page {Path} failed", http.Request.Path);
        await WebPages.Page(http, env, WebPages.ErrorPage, StatusCodes.Status500InternalServerError).ExecuteAsync(http);
        return true;
    }
}
