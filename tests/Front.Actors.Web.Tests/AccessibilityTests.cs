using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>Each page passes axe (WCAG 2.x A and AA rules) without a serious or critical violation, in both languages.</summary>
[Collection(WebCollection.Name)]
public class AccessibilityTests(WebFixture web)
{
    [ChromiumFact]
    public async Task The_sign_in_page_and_the_inbox_with_a_thread_open_pass_axe_in_norwegian_and_english()
    {
        var page = await web.NewPageAsync();
        var found = new List<string>();
        foreach (var english in new[] { false, true })
        {
            await page.GotoAsync("/app/sign-in");
            await page.EvaluateAsync($"() => localStorage.setItem('front.lang', '{(english ? "en" : "nb")}')");
            await page.ReloadAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", english ? "en" : "nb");
            found.AddRange(await ViolationsAsync(page, "sign-in"));
        }

        await page.EvaluateAsync("() => localStorage.removeItem('front.lang')");
        await WebFixture.SignInAsync(page);
        await web.Host.InjectAsync("+4795555555", "Kan jeg endre bestillingen?");
        await page.Locator("#conversations li").Filter(new() { HasText = "+47 955 55 555" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".message.in")).ToHaveCountAsync(1);
        await page.GetByLabel("Svar", new() { Exact = true }).FillAsync("Ja, det går fint.");
        found.AddRange(await ViolationsAsync(page, "inbox nb"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        found.AddRange(await ViolationsAsync(page, "inbox en"));
        await page.SetViewportSizeAsync(390, 844);
        found.AddRange(await ViolationsAsync(page, "inbox en phone"));

        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    /// <summary>A page in Norwegian, then English, then English at phone width; the language is switched with the page's own button.</summary>
    private static async Task<List<string>> BothLanguagesAsync(IPage page, string where)
    {
        var found = new List<string>(await ViolationsAsync(page, $"{where} nb"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        found.AddRange(await ViolationsAsync(page, $"{where} en"));
        await page.SetViewportSizeAsync(390, 844);
        found.AddRange(await ViolationsAsync(page, $"{where} en phone"));
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Norsk" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nb");
        return found;
    }

    [ChromiumFact]
    public async Task The_moderation_queue_and_audit_log_and_the_refusal_page_pass_axe_in_norwegian_and_english()
    {
        await web.Host.Client(WebHost.ApiKey).PostAsync("/api/v1/messages", System.Net.Http.Json.JsonContent.Create(
            new { from = "Front", to = new[] { "+4795555556" }, text = "Sjekk https://axe.example.org/x" }));
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "moderator@provider", WebHost.StaffPassword, "/app/moderation");
        await Expect(page.Locator(".held-item").Filter(new() { HasText = "axe.example.org" })).ToBeVisibleAsync();
        var campaign = await ModerationPageTests.HoldCampaignAsync(web.Host, "Axe-kampanje", "Se https://axe-kampanje.example.org/x", 47);
        await Expect(page.Locator($".held-item[data-item='{campaign}'] .kind-badge")).ToBeVisibleAsync(); // a held campaign too
        var found = await BothLanguagesAsync(page, "moderation queue");
        await page.GotoAsync("/app/moderation?view=accounts");
        await Expect(page.Locator("#limits-form")).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "moderation accounts"));
        await page.GotoAsync("/app/moderation?view=audit");
        await Expect(page.Locator("#audit-note")).Not.ToBeEmptyAsync();
        found.AddRange(await BothLanguagesAsync(page, "moderation audit"));
        await page.GotoAsync("/app/admin"); // a moderator is no organization's admin: refused
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingen tilgang" })).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "refusal"));

        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Every_section_of_the_admin_page_passes_axe_in_norwegian_and_english()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "admin@demo", WebHost.AdminPassword, "/app/admin");
        var found = new List<string>();
        await Expect(page.Locator("#user-rows tr").First).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "admin users"));

        await page.GotoAsync("/app/admin?section=keys");
        await page.Locator("#key-form").GetByLabel("Navn", new() { Exact = true }).FillAsync("Axe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag nøkkel" }).ClickAsync();
        await Expect(page.Locator("#new-key")).ToBeVisibleAsync(); // with the key shown once
        found.AddRange(await BothLanguagesAsync(page, "admin keys"));

        await page.GotoAsync("/app/admin?section=numbers");
        await page.Locator("#rule-rows tr").Filter(new() { HasText = "DEMO" }).GetByRole(AriaRole.Button, new() { Name = "Endre regler" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til regel" }).ClickAsync();
        found.AddRange(await BothLanguagesAsync(page, "admin numbers"));

        foreach (var section in new[] { "senders", "webhooks" })
        {
            await page.GotoAsync($"/app/admin?section={section}");
            await Expect(page.Locator($"#{section}")).ToBeVisibleAsync();
            found.AddRange(await BothLanguagesAsync(page, $"admin {section}"));
        }

        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_admin_page_with_a_choice_of_accounts_passes_axe_in_norwegian_and_english()
    {
        await AdminPageTests.EnsureOrganizationAdminAsync(web.Host);
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, AdminPageTests.OrganizationAdmin, AdminPageTests.OrganizationAdminPassword, "/app/admin");
        await page.GotoAsync("/app/admin?section=users&account=demo-nord");
        await Expect(page.Locator("#account-select")).ToHaveValueAsync("demo-nord");
        await Expect(page.Locator("#user-rows tr").First).ToBeVisibleAsync();
        var found = await BothLanguagesAsync(page, "admin account choice");
        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_campaigns_page_passes_axe_in_norwegian_and_english()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GotoAsync("/app/campaigns");
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        var found = await BothLanguagesAsync(page, "campaigns");
        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_templates_contacts_and_sign_ups_pages_and_the_composers_new_fields_pass_axe_in_norwegian_and_english()
    {
        var client = web.Host.Client(WebHost.ApiKey);
        (await client.PostAsync("/api/v1/contacts/import?group=Axe-gruppe", new System.Net.Http.StringContent("telefon;fornavn\n91306001;Axel\n", System.Text.Encoding.UTF8, "text/csv")))
            .EnsureSuccessStatusCode();
        (await client.PostAsync("/api/v1/templates", System.Net.Http.Json.JsonContent.Create(new { name = "Axe-mal", text = "Hei {firstName|kunde}!" }))).EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");

        await page.GotoAsync("/app/campaigns");
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        await page.GetByLabel("På et bestemt tidspunkt").CheckAsync();
        await page.GetByLabel("Start (norsk tid)").FillAsync($"{DateTime.UtcNow.AddDays(2):yyyy-MM-dd}T09:00");
        await page.GetByLabel("Send bare innenfor bestemte klokkeslett og dager").CheckAsync();
        await page.Locator("#c-name").FillAsync("Axe-kampanje");
        await page.Locator("#c-text").FillAsync("Hei!");
        await page.GetByLabel("Fra (norsk tid)").FillAsync("18:00");
        await page.GetByLabel("Til (norsk tid)").FillAsync("18:00"); // an empty window, refused
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag kampanjen" }).ClickAsync();
        await Expect(page.Locator("[id='window.to-error']")).ToBeVisibleAsync(); // with the field errors showing
        var found = await BothLanguagesAsync(page, "campaigns composer");

        await page.GotoAsync("/app/templates");
        await Expect(page.Locator("#rows tr").Filter(new() { HasText = "Axe-mal" })).ToBeVisibleAsync();
        await page.Locator("#m-text").FillAsync("Hei {firstName|kunde}!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();
        await Expect(page.Locator("#preview")).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "templates"));

        await page.GotoAsync("/app/contacts");
        await page.Locator("#group-rows tr").Filter(new() { HasText = "Axe-gruppe" }).GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator("#member-rows tr").First.GetByRole(AriaRole.Button, new() { Name = "Grupper og sletting" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slett kontakten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "contacts"));

        await page.GotoAsync("/app/sign-ups");
        await Expect(page.Locator("#page")).Not.ToBeEmptyAsync();
        found.AddRange(await BothLanguagesAsync(page, "sign-ups"));

        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_dashboard_for_an_account_and_for_operations_passes_axe_in_norwegian_and_english()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await Expect(page.Locator("#period-today")).ToBeVisibleAsync();
        var found = await BothLanguagesAsync(page, "dashboard account");
        await page.Context.CloseAsync();

        page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "operations@provider", WebHost.StaffPassword, "/app/dashboard");
        await Expect(page.Locator("#bind-rows tr").First).ToBeVisibleAsync();
        found.AddRange(await BothLanguagesAsync(page, "dashboard operations"));

        Assert.True(found.Count == 0, "accessibility violations:\n" + string.Join('\n', found));
        await page.Context.CloseAsync();
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
    }
}
