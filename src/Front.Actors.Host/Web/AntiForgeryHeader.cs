using Front.Actors.Host.Api;

namespace Front.Actors.Host.Web;

/// <summary>
/// A browser sends the session cookie with any request to this host, also one another site's page starts. Such a page
/// cannot add a custom header without a CORS preflight (which this host never grants), so a state-changing request
/// authenticated by the cookie must carry <c>X-Front-Request: 1</c>; the web sign-in requires it too (no sign-in
/// forced from elsewhere). Callers with a bearer token are not affected.
/// </summary>
public static class AntiForgeryHeader
{
    public const string Name = "X-Front-Request";

    public static IApplicationBuilder UseAntiForgeryHeader(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var byCookie = http.User.HasClaim(c => c.Type == WebSession.ViaCookieClaim) || http.Request.Path.StartsWithSegments("/api/v1/web");
        if (byCookie && !IsSafe(http.Request.Method) && http.Request.Headers[Name] != "1")
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ApiProblems.Field(403, Name, $"a request signed in by cookie must carry the header '{Name}: 1'").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
