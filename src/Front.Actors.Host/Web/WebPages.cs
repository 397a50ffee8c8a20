using Microsoft.Net.Http.Headers;

namespace Front.Actors.Host.Web;

/// <summary>
/// The web app's pages: static HTML shells under wwwroot/app, each loading its ES modules, which fetch what they show
/// from /api/v1 and the hubs. A page holds no state on the server, so a reload on any node shows the same screen.
/// </summary>
public static class WebPages
{
    public const string ErrorPage = "app/error.html";

    private static readonly (string Route, string File)[] Pages =
    [
        ("/app/sign-in", "app/sign-in.html"),
        ("/app/inbox", "app/inbox.html"),
    ];

    /// <summary>Static files (scripts, styles, the vendored SignalR client), revalidated on every load so an upgrade shows at once.</summary>
    public static IApplicationBuilder UseWebAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
    });

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        foreach (var (route, file) in Pages)
            // POST too: should the page's script not run, its form posts here (never a password in a GET address) and gets the page back.
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post], (HttpContext http, IWebHostEnvironment env) => Page(http, env, file, 200))
                .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/app", () => Results.Redirect("/app/inbox")).AllowAnonymous().ExcludeFromDescription();
        // Any other page address under /app answers the friendly page with 404; files (with an extension) are left to the static files.
        app.MapFallback("/app/{**rest:nonfile}", (HttpContext http, IWebHostEnvironment env) => Page(http, env, ErrorPage, 404)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static IResult Page(HttpContext http, IWebHostEnvironment env, string file, int status)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-cache";
        // Scripts and styles from this host only: an injected <script> or inline handler does not run.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.File(env.WebRootFileProvider.GetFileInfo(file).PhysicalPath!, "text/html; charset=utf-8");
    }
}
