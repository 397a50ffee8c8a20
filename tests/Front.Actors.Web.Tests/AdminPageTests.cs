using System.Net;
using System.Net.Http.Json;
using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>The organization admin's page against the real host: users and roles, keys shown once, keywords and rules.</summary>
[Collection(WebCollection.Name)]
public class AdminPageTests(WebFixture web)
{
    private async Task<IPage> SignInAdminAsync()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "admin@demo", WebHost.AdminPassword, "/app/admin"); // an admin lands here
        await Expect(page.Locator("#account-name")).ToHaveTextAsync("Demo (demo)");
        return page;
    }

    public const string OrganizationAdmin = "eier@demo";
    public const string OrganizationAdminPassword = "en-eier-med-to-kontoer";

    /// <summary>
    /// A second account of the demo organization (demo-nord) and a user who administers both (the provider opens the account;
    /// no admin of demo may grant roles on it, so the user is set up in the directory). Idempotent: tests share the host.
    /// </summary>
    internal static async Task EnsureOrganizationAdminAsync(WebHost host)
    {
        var created = await host.Client(WebHost.ModeratorKey).PostAsJsonAsync("/api/v1/accounts", new { id = "demo-nord", name = "Demo Nord", organizationId = "org-demo" });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
        await host.Services.GetRequiredService<UserDirectory>().EnsureAsync("org-demo", OrganizationAdmin, "Eva Eier", OrganizationAdminPassword,
            [new RoleGrant("demo", Role.Admin), new RoleGrant("demo-nord", Role.Admin)]);
    }

    [ChromiumFact]
    public async Task An_organization_admin_chooses_the_account_and_a_reload_keeps_it()
    {
        await EnsureOrganizationAdminAsync(web.Host);
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, OrganizationAdmin, OrganizationAdminPassword, "/app/admin");
        var choice = page.GetByLabel("Konto du administrerer");
        await Expect(choice).ToHaveValueAsync("demo"); // the home account first
        await Expect(choice.Locator("option")).ToHaveTextAsync(["Demo (demo)", "Demo Nord (demo-nord)"]); // names people know, ids to tell twins apart

        await choice.SelectOptionAsync("demo-nord");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?section=users&account=demo-nord$"));
        await Expect(page.Locator("#account-name")).ToHaveTextAsync("Demo Nord (demo-nord)");
        await page.GetByRole(AriaRole.Link, new() { Name = "API-nøkler" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?section=keys&account=demo-nord$"));
        await page.Locator("#key-form").GetByLabel("Navn", new() { Exact = true }).FillAsync("Nord-CRM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag nøkkel" }).ClickAsync();
        await Expect(page.Locator("#key-rows tr").Filter(new() { HasText = "Nord-CRM" })).ToBeVisibleAsync();

        await page.ReloadAsync(); // the same screen: the account and the section come from the address
        await Expect(page.GetByLabel("Konto du administrerer")).ToHaveValueAsync("demo-nord");
        await Expect(page.Locator("#key-rows tr").Filter(new() { HasText = "Nord-CRM" })).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "admin-account-choice");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "admin-account-choice-phone");
        await page.SetViewportSizeAsync(1280, 800);

        // The key was made for demo-nord, not for the home account.
        await page.GetByLabel("Konto du administrerer").SelectOptionAsync("demo");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?section=keys&account=demo$"));
        await Expect(page.Locator("#account-name")).ToHaveTextAsync("Demo (demo)");
        await Expect(page.Locator("#key-rows tr").Filter(new() { HasText = "Nord-CRM" })).ToHaveCountAsync(0);

        // An account the person does not administer in the address: their home account, and the address says so.
        await page.GotoAsync("/app/admin?section=keys&account=kunde-as");
        await Expect(page.GetByLabel("Konto du administrerer")).ToHaveValueAsync("demo");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?section=keys$"));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task An_admin_adds_a_user_with_a_role_and_changes_it()
    {
        var page = await SignInAdminAsync();
        await Expect(page.Locator("#user-rows tr[data-user='agent@demo']")).ToBeVisibleAsync();

        var form = page.Locator("#user-form");
        await form.GetByLabel("Brukernavn").FillAsync("per@demo");
        await form.GetByLabel("Navn", new() { Exact = true }).FillAsync("Per Hansen");
        await form.GetByLabel("Passord (minst 12 tegn)").FillAsync("kort");
        await page.Locator("#user-form").GetByLabel("Markedsfører").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til bruker" }).ClickAsync();
        await Expect(page.Locator("#new-password-error")).Not.ToBeEmptyAsync(); // the API's reason, next to the field

        await form.GetByLabel("Passord (minst 12 tegn)").FillAsync("en-lang-nok-passfrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til bruker" }).ClickAsync();
        var row = page.Locator("#user-rows tr[data-user='per@demo']");
        await Expect(row).ToContainTextAsync("Per Hansen");
        await Expect(row.GetByLabel("Markedsfører")).ToBeCheckedAsync();
        await Expect(row.GetByLabel("Agent")).ToBeCheckedAsync(); // the form's default

        await row.GetByLabel("Agent").UncheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Lagre roller" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Rollene til per@demo er lagret.");
        await Expect(page.Locator("#user-rows tr[data-user='per@demo']").GetByLabel("Agent")).Not.ToBeCheckedAsync();
        await WebFixture.ScreenshotAsync(page, "admin-users");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "admin-users-phone");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_new_api_key_is_shown_once_kept_to_its_addresses_and_revoked()
    {
        var page = await SignInAdminAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API-nøkler" }).ClickAsync();
        await page.Locator("#key-form").GetByLabel("Navn", new() { Exact = true }).FillAsync("CRM");
        await page.GetByLabel("Tillatte adresser").FillAsync("203.0.113.0/24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag nøkkel" }).ClickAsync();

        var shown = page.Locator("#new-key-value");
        await Expect(shown).ToHaveTextAsync(new Regex("^fa_"));
        var key = await shown.TextContentAsync();
        var row = page.Locator("#key-rows tr").Filter(new() { HasText = "CRM" });
        await Expect(row).ToContainTextAsync("203.0.113.0/24");
        await WebFixture.ScreenshotAsync(page, "admin-keys");
        // Kept to its range: this test's address is not in it.
        Assert.Equal(HttpStatusCode.Forbidden, (await web.Host.Client(key).GetAsync("/api/v1/account")).StatusCode);

        await page.ReloadAsync();
        await Expect(page.Locator("#key-rows tr").Filter(new() { HasText = "CRM" })).ToBeVisibleAsync();
        await Expect(page.Locator("#new-key")).ToBeHiddenAsync(); // shown once only
        Assert.DoesNotContain(key!, await page.ContentAsync());

        var revoke = page.Locator("#key-rows tr").Filter(new() { HasText = "CRM" }).GetByRole(AriaRole.Button, new() { Name = "Trekk tilbake" });
        await revoke.ClickAsync();
        await page.Locator("#key-rows tr").Filter(new() { HasText = "CRM" }).GetByRole(AriaRole.Button, new() { Name = "Trykk igjen for å trekke tilbake" }).ClickAsync();
        await Expect(page.Locator("#key-rows tr").Filter(new() { HasText = "CRM" })).ToContainTextAsync("Trukket tilbake");
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.Host.Client(key).GetAsync("/api/v1/account")).StatusCode);
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task An_admin_takes_a_keyword_and_gives_it_an_auto_reply()
    {
        var page = await SignInAdminAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Numre, kodeord og regler" }).ClickAsync();
        await Expect(page.Locator("#rule-rows tr").Filter(new() { HasText = "DEMO" })).ToBeVisibleAsync();

        await page.GetByLabel("Kortnummer").FillAsync("2401");
        await page.GetByLabel("Kodeord", new() { Exact = true }).FillAsync("Tilbud");
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til kodeord" }).ClickAsync();
        var row = page.Locator("#rule-rows tr").Filter(new() { HasText = "TILBUD" });
        await Expect(row).ToContainTextAsync("Ingen regler");

        await row.GetByRole(AriaRole.Button, new() { Name = "Endre regler" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til regel" }).ClickAsync();
        await page.GetByLabel("Svartekst").FillAsync("Takk! Tilbudet kommer på SMS.");
        await WebFixture.ScreenshotAsync(page, "admin-rules");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre reglene" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Reglene er lagret.");
        await Expect(page.Locator("#rule-rows tr").Filter(new() { HasText = "TILBUD" })).ToContainTextAsync("Autosvar: Takk! Tilbudet kommer på SMS.");

        // A bad target is refused by the API and said next to the rule.
        await page.Locator("#rule-rows tr").Filter(new() { HasText = "TILBUD" }).GetByRole(AriaRole.Button, new() { Name = "Endre regler" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til regel" }).ClickAsync();
        await page.Locator("#rule-1-kind").SelectOptionAsync("ForwardToNumber");
        await page.GetByLabel("Mobilnummer").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre reglene" }).ClickAsync();
        await Expect(page.Locator("#rule-1-error")).Not.ToBeEmptyAsync();
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "admin-rules-phone");
        await page.Context.CloseAsync();
    }
}
