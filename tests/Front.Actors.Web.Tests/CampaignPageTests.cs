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

    [ChromiumFact]
    public async Task A_marketer_sees_a_window_error_by_its_field_schedules_a_campaign_sees_its_start_time_and_a_test_send_reaches_the_smsc()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GotoAsync("/app/campaigns");
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        await Expect(page.Locator("#rate-limit")).ToHaveTextAsync(new Regex(@"10\s000 meldinger per sekund"));

        await page.Locator("#import-group").FillAsync("Vårkunder");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "var.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("telefon\n91301001\n91301002\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Expect(page.Locator("#import-report")).ToContainTextAsync("2 nye");

        // Tomorrow at nine, Oslo wall-clock time, sent without an offset.
        var oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, oslo).Date.AddDays(1);
        await page.Locator("#c-name").FillAsync("Vårsalg");
        await page.Locator("#c-text").FillAsync("Vårsalg hos oss i morgen!");
        await page.GetByLabel("På et bestemt tidspunkt").CheckAsync();
        await page.GetByLabel("Start (norsk tid)").FillAsync($"{tomorrow:yyyy-MM-dd}T09:00");
        await page.GetByLabel("Send bare innenfor bestemte klokkeslett og dager").CheckAsync();
        await page.GetByLabel("Fra (norsk tid)").FillAsync("17:00");
        await page.GetByLabel("Til (norsk tid)").FillAsync("17:00"); // the same time: an empty window (a later one crosses midnight)
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        var toError = page.Locator("[id='window.to-error']");
        await Expect(toError).ToBeVisibleAsync();
        await Expect(toError).ToContainTextAsync("window.from");
        await Expect(page.GetByLabel("Til (norsk tid)")).ToHaveAttributeAsync("aria-invalid", "true");
        await WebFixture.ScreenshotAsync(page, "campaigns-window-error");

        await page.GetByLabel("Til (norsk tid)").FillAsync("20:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        await Expect(page.Locator("#estimate")).ToContainTextAsync("2 mottakere");
        await Expect(toError).ToBeHiddenAsync();

        // The test form is for the campaign just made: one good number, one that is not a mobile number.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send «Vårsalg» som test" })).ToBeVisibleAsync();
        await page.GetByLabel("Mobilnumre").FillAsync("+47 913 01 999\n12345");
        await page.Locator("#test-form").GetByRole(AriaRole.Button, new() { Name = "Send test", Exact = true }).ClickAsync();
        await Expect(page.Locator("#test-result li.ok")).ToContainTextAsync("sendt (1 SMS-deler)");
        await Expect(page.Locator("#test-result li.error")).ToContainTextAsync("12345: ikke sendt");
        Assert.Contains("Vårsalg hos oss i morgen!", await SubmitsToAsync("4791301999"));

        var row = page.Locator("#rows tr").Filter(new() { HasText = "Vårsalg" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "scheduled");
        await Expect(row.Locator("td.status")).ToContainTextAsync("Planlagt");
        await Expect(row.Locator("td.status .when")).ToContainTextAsync($"starter {tomorrow.Day}. ");
        await Expect(row.Locator("td.status .when")).ToContainTextAsync("09:00");
        await WebFixture.ScreenshotAsync(page, "campaigns-scheduled");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(row.Locator("td.status .when")).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "campaigns-scheduled-phone");

        await page.SetViewportSizeAsync(1280, 800);
        await row.GetByRole(AriaRole.Button, new() { Name = "Avbryt" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "cancelled");
        await page.Context.CloseAsync();
    }

    /// <remarks>
    /// Skipped for now: run before <see cref="A_marketer_imports_a_csv_runs_a_campaign_to_the_end_pauses_and_resumes_another_and_downloads_the_report"/>
    /// on the same host, the later campaign stays "running" with its messages submitted and none delivered. The same test
    /// with the text typed in (no templateId) leaves it alone: an engine defect with templateId campaigns, to be found.
    /// </remarks>
    [ChromiumFact]
    public async Task A_campaign_made_from_a_template_sends_the_templates_text()
    {
        var client = web.Host.Client(WebHost.ApiKey);
        (await client.PostAsync("/api/v1/contacts/import?group=Malkunder", new StringContent("telefon;fornavn\n91302001;Randi\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/v1/templates", System.Net.Http.Json.JsonContent.Create(new { name = "Sommerhilsen", text = "God sommer, {firstName|kunde}!" }))).EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GotoAsync("/app/campaigns");
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();

        await page.Locator("#c-name").FillAsync("Sommer");
        await page.GetByLabel("Mottakere (gruppe)").SelectOptionAsync(new SelectOptionValue { Label = "Malkunder (1)" });
        await page.GetByLabel("Mal", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sommerhilsen" });
        await Expect(page.Locator("#c-text")).ToHaveValueAsync("God sommer, {firstName|kunde}!");
        await Expect(page.Locator("#c-text")).ToHaveAttributeAsync("readonly", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        await Expect(page.Locator("#estimate")).ToContainTextAsync("1 mottakere");
        var row = page.Locator("#rows tr").Filter(new() { HasText = "Sommer" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "finished");
        Assert.Contains("God sommer, Randi!", await SubmitsToAsync("4791302001"));
        await page.Context.CloseAsync();
    }

    /// <summary>The texts the simulated operators took for a number, once there is one (polled from outside, bounded; there is no event to await).</summary>
    private async Task<IReadOnlyList<string>> SubmitsToAsync(string number)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var texts = web.Host.SubmitsTo(number).Concat(web.Host.SubmitsTo("+" + number)).ToList();
            if (texts.Count > 0)
                return texts;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"nothing reached the simulator for {number}");
            await Task.Delay(50);
        }
    }
}
