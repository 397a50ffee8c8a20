using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Front.Actors.Web.Tests;

/// <summary>Runs only where Debian's chromium is installed (.ci/run installs it); Playwright downloads no browser.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(WebFixture.Chromium))
            Skip = $"{WebFixture.Chromium} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium)";
    }
}

/// <summary>One host and one headless Chromium for the web tests; each test opens its own browser context (own cookies).</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public WebHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            return;
        Directory.CreateDirectory(Screenshots);
        // Live parts can take a moment on a busy 2-core machine; expectations wait instead of sleeping.
        Assertions.SetDefaultExpectTimeout(20_000);
        Host = await WebHost.StartAsync(services: s => s.AddTransient<IStartupFilter, FailingPage>());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            // Chromium on Linux takes its own language (date and time pickers' formats) from LANGUAGE, not from the
            // context's locale; Debian's chromium-l10n holds the bokmål pack (.ci/run installs it).
            Env = InBokmal(),
        });
    }

    /// <summary>This process's environment (Playwright replaces the browser's with what it is given) with LANGUAGE=nb.</summary>
    private static Dictionary<string, string> InBokmal()
    {
        var variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");
        variables["LANGUAGE"] = "nb";
        return variables;
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
        });
        var page = await context.NewPageAsync();
        // A script error in the page is a defect: kept next to the screenshots, where a failing test's reader looks.
        page.PageError += (_, error) => File.AppendAllText(Path.Combine(Screenshots, "page-errors.log"), $"{page.Url}: {error}\n");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                File.AppendAllText(Path.Combine(Screenshots, "page-errors.log"), $"{page.Url}: console: {message.Text}\n");
        };
        return page;
    }

    /// <summary>Signs in through the page, as a person would, and waits for the inbox to be live.</summary>
    public static async Task SignInAsync(IPage page, string userName = "agent@demo", string password = WebHost.AgentPassword)
    {
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/inbox"));
        await Assertions.Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
    }

    /// <summary>Signs in as anyone and waits for the page their role lands on.</summary>
    public static async Task SignInAsAsync(IPage page, string userName, string password, string landsOn)
    {
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(landsOn) + "$"));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is null)
            return;
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>A page address that fails inside the host's pipeline, to see what a person gets when something breaks.</summary>
public sealed class FailingPage : IStartupFilter
{
    public const string Path = "/app/failing.test";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((http, rest) => http.Request.Path == Path ? throw new InvalidOperationException("a failure only tests cause") : rest(http));
    };
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
