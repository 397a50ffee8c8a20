using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using Microsoft.Net.Http.Headers;

namespace Front.Actors.Host.Web;

/// <summary>
/// The web app's pages: static HTML shells under wwwroot/app, each loading its ES modules, which fetch what they show
/// from /api/v1 and the hubs. A page holds no state on the server, so a reload on any node shows the same screen.
/// </summary>
public static class WebPages
{
    public const string ErrorPage = "app/error.html";

    /// <summary>What a signed-in person who may not open a page gets (403): which page it was and where to go instead.</summary>
    public const string RefusalPage = "app/forbidden.html";

    /// <summary>
    /// The pages, and who may open each. The check here only spares people a page they cannot use (a clear refusal
    /// instead of a screen of 403s); every API call and hub the page makes checks the role again. Someone not signed in
    /// gets the page, whose script sends them to sign in.
    /// </summary>
    private static readonly (string Route, string File, Func<ClaimsPrincipal, bool>? May)[] Pages =
    [
        ("/app/sign-in", "app/sign-in.html", null),
        ("/app/inbox", "app/inbox.html", null), // says by itself that it is for agents
        ("/app/moderation", "app/moderation.html", u => u.IsStaff(Role.Moderator)),
        ("/app/admin", "app/admin.html", u => u.AccountsWith(Role.Admin).Count > 0),
        ("/app/campaigns", "app/campaigns.html", u => u.AccountsWith(Role.Admin, Role.Marketer).Count > 0),
        ("/app/templates", "app/templates.html", u => u.AccountsWith(Role.Admin, Role.Marketer).Count > 0),
        ("/app/contacts", "app/contacts.html", u => u.AccountsWith(Role.Admin, Role.Marketer).Count > 0),
        ("/app/sign-ups", "app/sign-ups.html", u => u.AccountsWith(Role.Admin, Role.Marketer).Count > 0),
        ("/app/dashboard", "app/dashboard.html", u => u.AccountsWith(Role.Admin, Role.Marketer).Count > 0 || u.IsStaff(Role.Moderator, Role.Operations)),
    ];

    /// <summary>Where a person lands after signing in (and at /app): the page of their main work.</summary>
    public static string LandingOf(ClaimsPrincipal user) =>
        user.AccountsWith(Role.Agent).Count > 0 ? "/app/inbox"
        : user.IsStaff(Role.Moderator) ? "/app/moderation"
        : user.AccountsWith(Role.Admin).Count > 0 ? "/app/admin"
        : user.AccountsWith(Role.Marketer).Count > 0 || user.IsStaff(Role.Operations) ? "/app/dashboard" // marketers: until the campaign screens come
        : "/app/inbox";

    /// <summary>Static files (scripts, styles, the vendored SignalR client), revalidated on every load so an upgrade shows at once.</summary>
    public static IApplicationBuilder UseWebAssets(this IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
    });

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        foreach (var (route, file, may) in Pages)
            // POST too: should the page's script not run, its form posts here (never a password in a GET address) and gets the page back.
            app.MapMethods(route, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post], (HttpContext http, IWebHostEnvironment env) =>
                    may is not null && http.User.IsSignedInUser() && !may(http.User) ? Page(http, env, RefusalPage, 403) : Page(http, env, file, 200))
                .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/app", (HttpContext http) => Results.Redirect(http.User.IsSignedInUser() ? LandingOf(http.User) : "/app/sign-in"))
            .AllowAnonymous().ExcludeFromDescription();
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
