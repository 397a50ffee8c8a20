using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// A marketer browses the account's contacts against the real host: the groups with their member counts, a group's
/// members a page at a time and searched, a contact added to a group and taken out, and a contact deleted after a confirmation.
/// </summary>
[Collection(WebCollection.Name)]
public class ContactsPageTests(WebFixture web)
{
    [ChromiumFact]
    public async Task A_marketer_pages_and_searches_a_groups_members_adds_and_removes_a_contact_and_deletes_one_after_confirming()
    {
        var client = web.Host.Client(WebHost.ApiKey);
        var csv = new StringBuilder("telefon;fornavn\n");
        for (var i = 1; i <= 30; i++)
            csv.Append($"913040{i:00};{(i == 7 ? "Kari" : $"Medlem{i}")}\n");
        (await client.PostAsync("/api/v1/contacts/import?group=Stamkunder", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/groups", new { name = "VIP-kunder" })).EnsureSuccessStatusCode();

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontakter" }).ClickAsync();
        var group = page.Locator("#group-rows tr").Filter(new() { HasText = "Stamkunder" });
        await Expect(group.Locator("td.num")).ToHaveTextAsync("30");

        // A page of 25, the next page with the other 5, and back.
        await group.GetByRole(AriaRole.Button, new() { Name = "Åpne gruppen Stamkunder" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Medlemmer i Stamkunder (30)" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?group="));
        var members = page.Locator("#member-rows tr");
        await Expect(members).ToHaveCountAsync(25);
        await Expect(members.First).ToContainTextAsync("+47 913 04 001");
        await page.Locator("#group").GetByRole(AriaRole.Button, new() { Name = "Neste side" }).ClickAsync();
        await Expect(members).ToHaveCountAsync(5);
        await Expect(members.First).ToContainTextAsync("+47 913 04 026");
        await Expect(page.Locator("#members-page")).ToHaveTextAsync("Side 2");
        await Expect(page.Locator("#members-next")).ToBeDisabledAsync();
        await page.Locator("#group").GetByRole(AriaRole.Button, new() { Name = "Forrige side" }).ClickAsync();
        await Expect(members).ToHaveCountAsync(25);

        await page.GetByLabel("Søk i gruppen").FillAsync("kari");
        await page.GetByLabel("Søk i gruppen").PressAsync("Enter");
        await Expect(members).ToHaveCountAsync(1);
        await Expect(members).ToContainTextAsync("+47 913 04 007");
        await WebFixture.ScreenshotAsync(page, "contacts");

        // Kari into VIP-kunder and out again.
        await members.GetByRole(AriaRole.Button, new() { Name = "Grupper og sletting for +47 913 04 007" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kari (+47 913 04 007)" })).ToBeFocusedAsync();
        await page.GetByLabel("Legg til i gruppe").SelectOptionAsync(new SelectOptionValue { Label = "VIP-kunder" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("+47 913 04 007 er lagt til i VIP-kunder.");
        await Expect(page.Locator("#contact-groups")).ToContainTextAsync("VIP-kunder");
        await Expect(page.Locator("#group-rows tr").Filter(new() { HasText = "VIP-kunder" }).Locator("td.num")).ToHaveTextAsync("1");
        await page.Locator("#contact-groups").GetByRole(AriaRole.Button, new() { Name = "Ta ut av gruppen: +47 913 04 007 fra VIP-kunder" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("+47 913 04 007 er tatt ut av VIP-kunder.");
        await Expect(page.Locator("#contact-groups")).Not.ToContainTextAsync("VIP-kunder");

        // Found among all contacts by number, and deleted only once the deletion is confirmed.
        await page.GetByLabel("Søk etter kontakt").FillAsync("913 04 012");
        await page.Locator("#contact-search").GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        var found = page.Locator("#contact-rows tr");
        await Expect(found).ToHaveCountAsync(1);
        await found.GetByRole(AriaRole.Button, new() { Name = "Grupper og sletting for +47 913 04 012" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slett kontakten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Slette Medlem12 for godt?");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Avbryt" })).ToBeFocusedAsync();
        await WebFixture.ScreenshotAsync(page, "contacts-confirm");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "contacts-phone");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, slett" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("+47 913 04 012 er slettet.");
        await Expect(found).ToHaveCountAsync(0);
        await Expect(group.Locator("td.num")).ToHaveTextAsync("29");
        var left = await client.GetFromJsonAsync<JsonElement>("/api/v1/contacts?q=91304012");
        Assert.Equal(0, left.GetProperty("items").GetArrayLength());
        await page.Context.CloseAsync();
    }
}
