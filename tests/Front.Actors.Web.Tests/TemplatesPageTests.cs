using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// A marketer's templates against the real host: one created with a merge field, previewed for a group (the sample and
/// the costliest recipient, with encoding and SMS parts), a bad one refused by its field, one hidden and shown again.
/// </summary>
[Collection(WebCollection.Name)]
public class TemplatesPageTests(WebFixture web)
{
    [ChromiumFact]
    public async Task A_marketer_creates_a_template_previews_its_segments_for_a_group_and_hides_and_shows_it_again()
    {
        // A group where one name makes the text longer than one SMS part.
        var csv = "telefon;fornavn\n91303001;Ola\n91303002;" + new string('Å', 150) + "\n";
        (await web.Host.Client(WebHost.ApiKey).PostAsync("/api/v1/contacts/import?group=Malgruppe", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maler" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ny mal" })).ToBeVisibleAsync();

        // Refused by its field: a merge field never closed.
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Velkomst");
        await page.GetByLabel("Tekst (flettefelt").FillAsync("Hei {firstName");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre malen" }).ClickAsync();
        await Expect(page.Locator("#text-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#m-text")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Tekst (flettefelt").FillAsync("Hei {firstName|kunde}! Velkommen som kunde hos oss.");
        await Expect(page.Locator("#m-counter")).ToContainTextAsync("1 SMS-deler");
        await page.GetByLabel("Mottakere (gruppe)").SelectOptionAsync(new SelectOptionValue { Label = "Malgruppe (2)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Forhåndsvis" }).ClickAsync();
        // The sample is one of the group's contacts (whichever comes first); the worst case is the long name.
        await Expect(page.Locator("#preview-sample [data-part=text]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Hei (Ola|Å+)! Velkommen som kunde hos oss.$"));
        await Expect(page.Locator("#preview-sample [data-part=meta]")).ToContainTextAsync("SMS-deler · GSM");
        await Expect(page.Locator("#preview-worst [data-part=text]")).ToHaveTextAsync($"Hei {new string('Å', 150)}! Velkommen som kunde hos oss.");
        await Expect(page.Locator("#preview-worst h3")).ToHaveTextAsync("Verste tilfelle av 2 mottakere");
        await Expect(page.Locator("#preview-worst [data-part=meta]")).ToContainTextAsync("2 SMS-deler · GSM");
        await Expect(page.Locator("#preview-worst [data-part=meta]")).ToContainTextAsync("for +47 913 03 002");

        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre malen" }).ClickAsync();
        await Expect(page.Locator("#saved")).ToHaveTextAsync("Malen «Velkomst» er lagret.");
        var row = page.Locator("#rows tr").Filter(new() { HasText = "Velkomst" });
        await Expect(row).ToContainTextAsync("{firstName|kunde}");
        await WebFixture.ScreenshotAsync(page, "templates");

        // Edited, then hidden: gone from the list until hidden ones are shown.
        await row.GetByRole(AriaRole.Button, new() { Name = "Endre malen Velkomst" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Endre malen «Velkomst»" })).ToBeVisibleAsync();
        await page.GetByLabel("Tekst (flettefelt").FillAsync("Hei {firstName|kunde}! Velkommen 😊");
        await Expect(page.Locator("#m-counter")).ToContainTextAsync("Unicode");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre malen" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Velkommen 😊");
        await row.GetByRole(AriaRole.Button, new() { Name = "Skjul malen Velkomst" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByLabel("Vis skjulte maler").CheckAsync();
        await Expect(row).ToHaveAttributeAsync("data-hidden", "true");
        await row.GetByRole(AriaRole.Button, new() { Name = "Vis igjen: malen Velkomst" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-hidden", "false");

        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "templates-phone");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_marketer_moves_a_template_up_the_list_for_good_and_deletes_another_with_a_second_press()
    {
        var api = web.Host.Client(WebHost.ApiKey);
        foreach (var name in new[] { "Rekkefølge A", "Rekkefølge B", "Rekkefølge C" })
            (await api.PostAsJsonAsync("/api/v1/templates", new { name, text = $"Hei fra {name}" })).EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GotoAsync("/app/templates");
        var rows = page.Locator("#rows tr th");
        async Task<int> PlaceOf(string name) => (await rows.AllTextContentsAsync()).ToList().IndexOf(name);
        await Expect(rows.Filter(new() { HasText = "Rekkefølge C" })).ToHaveCountAsync(1);
        Assert.True(await PlaceOf("Rekkefølge B") < await PlaceOf("Rekkefølge C"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Flytt malen Rekkefølge C opp" }).ClickAsync();
        await Expect(page.Locator("#saved")).ToContainTextAsync("Malen «Rekkefølge C» er nå nummer");
        Assert.True(await PlaceOf("Rekkefølge C") < await PlaceOf("Rekkefølge B"));
        // The move was stored, not only drawn: a reload keeps it, and it kept the keyboard's place on the button.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Flytt malen Rekkefølge C opp" })).ToBeFocusedAsync();
        await page.ReloadAsync();
        await Expect(rows.Filter(new() { HasText = "Rekkefølge C" })).ToHaveCountAsync(1);
        Assert.True(await PlaceOf("Rekkefølge C") < await PlaceOf("Rekkefølge B"));

        // Deleting takes a second press; the first only asks.
        await page.GetByRole(AriaRole.Button, new() { Name = "Slett malen Rekkefølge A" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = "Rekkefølge A" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Trykk igjen for å slette: Slett malen Rekkefølge A" }).ClickAsync();
        await Expect(page.Locator("#saved")).ToHaveTextAsync("Malen «Rekkefølge A» er slettet.");
        await Expect(rows.Filter(new() { HasText = "Rekkefølge A" })).ToHaveCountAsync(0);
        var listed = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/templates?includeHidden=true");
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), t => t.GetProperty("name").GetString() == "Rekkefølge A");
        await page.Context.CloseAsync();
    }
}
