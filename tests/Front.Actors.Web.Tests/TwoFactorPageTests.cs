using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// The SMS second factor through the page, on a host of its own (the demo organization's setting would change every
/// other test's sign-in). The code travels through the engine to the simulator, where the test reads it as the phone would.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TwoFactorPageTests(WebFixture web) : IAsyncLifetime
{
    private const string AgentMobile = "4799000003";
    private WebHost _host = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(WebFixture.Chromium))
            return;
        _host = await WebHost.StartAsync(new Dictionary<string, string?> { ["Smpp:Simulator:RecordSubmits"] = "true" });
        var admin = await _host.Client().PostAsJsonAsync("/api/v1/sign-in", new { userName = "admin@demo", password = WebHost.AdminPassword });
        var token = (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        (await _host.Client(token).PutAsJsonAsync("/api/v1/organizations/org-demo/security", new { requireTwoFactor = true, trustedIpRanges = Array.Empty<string>() })).EnsureSuccessStatusCode();
    }

    [ChromiumFact]
    public async Task The_code_sent_by_sms_is_asked_for_a_wrong_one_is_explained_and_the_right_one_signs_in()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync(new Uri(_host.BaseAddress, "/app/sign-in").ToString());
        await page.GetByLabel("Brukernavn").FillAsync("agent@demo");
        await page.GetByLabel("Passord").FillAsync(WebHost.AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kode på SMS" })).ToBeVisibleAsync();
        var code = Regex.Match(await CodeAsync(), "[0-9]{6}").Value;
        await page.GetByLabel("Kode").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekreft" }).ClickAsync();
        await Expect(page.Locator("#code-error")).ToHaveTextAsync("Koden ble ikke godtatt. Du har 4 forsøk igjen.");
        await WebFixture.ScreenshotAsync(page, "sign-in-code-refused");
        await page.GetByLabel("Kode").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bekreft" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/inbox"));
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>The code's SMS once it is at the simulator (polled from outside, bounded; there is no event to await).</summary>
    private async Task<string> CodeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_host.SubmitsTo(AgentMobile) is [var text, ..])
                return text;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no code reached the simulator");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }
}
