using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// A marketer's campaigns against the real host and its simulated operators: a CSV imported into a group (with its
/// report), a campaign composed, started and followed live to 100 %, another paused and resumed, the report downloaded.
/// </summary>
[Collection(WebCollection.Name)]
public class CampaignPageTests(WebFixture web)
{
    [ChromiumFact]
    public async Task A_marketer_imports_a_csv_runs_a_campaign_to_the_end_pauses_and_resumes_another_and_downloads_the_report()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kampanjer" }).ClickAsync();
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();

        var csv = "telefon;fornavn\n+47 912 00 001;Kari\n0047 91200002;Ola\n912 00 003;Åse\nikke et nummer;Per\n";
        await page.Locator("#import-group").FillAsync("Julekunder");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "kunder.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Expect(page.Locator("#import-report")).ToContainTextAsync("3 nye");
        await Expect(page.Locator("#import-invalid li")).ToContainTextAsync("Linje 5");

        // A bad campaign is refused naming its fields; fixed, it is created with its estimate.
        await page.Locator("#c-text").FillAsync("Hei {ukjent}!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        await Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#text-error")).ToContainTextAsync("ukjent");
        await page.Locator("#c-name").FillAsync("Julesalg");
        await page.Locator("#c-text").FillAsync("Hei {fornavn|kunde}! God jul fra oss.");
        await Expect(page.Locator("#c-counter")).ToContainTextAsync("1 SMS-deler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        await Expect(page.Locator("#estimate")).ToContainTextAsync("3 mottakere");

        var first = page.Locator("#rows tr").Filter(new() { HasText = "Julesalg" });
        await first.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(first).ToHaveAttributeAsync("data-status", "finished");
        await Expect(first.Locator("[data-count=submitted]")).ToHaveTextAsync("3");
        await Expect(first.Locator(".share")).ToHaveTextAsync(new Regex(@"100\s%"));
        await Expect(first.Locator("[data-count=delivered]")).ToHaveTextAsync("3");
        await first.GetByRole(AriaRole.Button, new() { Name = "Vis rapport" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport for Julesalg" })).ToBeVisibleAsync();
        await Expect(page.Locator("#report-summary")).ToContainTextAsync("3 levert");
        await Expect(page.Locator("#operator-rows tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#chart svg rect")).Not.ToHaveCountAsync(0);
        await WebFixture.ScreenshotAsync(page, "campaigns");

        // A second one, to other contacts (the first ones were texted today: the account's frequency window would skip
        // them), slow enough to pause on the way.
        await page.Locator("#import-group").FillAsync("Nyttårskunder");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "nyttar.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("telefon\n91200011\n91200012\n91200013\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Expect(page.Locator("#import-report")).ToContainTextAsync("3 nye");
        await page.Locator("#c-name").FillAsync("Nyttår");
        await page.Locator("#c-rate").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        var second = page.Locator("#rows tr").Filter(new() { HasText = "Nyttår" });
        await second.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await second.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(second).ToHaveAttributeAsync("data-status", "paused");
        await second.GetByRole(AriaRole.Button, new() { Name = "Fortsett" }).ClickAsync();
        await Expect(second).ToHaveAttributeAsync("data-status", "finished");
        await Expect(second.Locator("[data-count=submitted]")).ToHaveTextAsync("3");

        var download = await page.RunAndWaitForDownloadAsync(() => first.GetByRole(AriaRole.Link, new() { Name = "Rapport (CSV)" }).ClickAsync());
        var report = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("seq,number", report);
        Assert.Equal(3, report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.Contains("+4791200003", report);

        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "campaigns-phone");
        await page.Context.CloseAsync();
    }
}
