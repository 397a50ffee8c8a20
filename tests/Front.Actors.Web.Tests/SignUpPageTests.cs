using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>
/// A marketer's sign-up keywords against the real host: the keyword an admin gave a sign-up rule shows with its QR code
/// (an SVG image the browser loads, SVG and PNG to download, a print button), and a contact who texted it shows as signed up.
/// </summary>
[Collection(WebCollection.Name)]
public class SignUpPageTests(WebFixture web)
{
    [ChromiumFact]
    public async Task A_marketer_sees_a_sign_up_keyword_with_its_qr_code_and_the_contact_who_texted_it()
    {
        var client = web.Host.Client(WebHost.ApiKey);
        var groupId = await GroupAndKeywordAsync(client, "Kundeklubben", "KLUBB");
        (await client.PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "klubb", subKeyword = "bli", rules = new[] { new { kind = "SignUp", target = groupId } } }))
            .EnsureSuccessStatusCode();
        await web.Host.InjectAsync("+4791305001", "Klubb bli med", to: "2401");
        await AtSmscAsync("4791305001", "Kundeklubben"); // the sign-up is stored before its confirmation is sent

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Påmeldinger" }).ClickAsync();
        var card = page.Locator(".qr-card[data-keyword='KLUBB BLI']");
        await Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Send KLUBB BLI til 2401");
        await Expect(card).ToContainTextAsync("Blir med i Kundeklubben");

        var image = card.GetByRole(AriaRole.Img, new() { Name = "QR-kode: send KLUBB BLI til 2401" });
        await Expect(image).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
        var svg = await page.APIRequest.GetAsync((await image.GetAttributeAsync("src"))!);
        Assert.Equal(200, svg.Status);
        Assert.StartsWith("image/svg+xml", svg.Headers["content-type"]);
        var png = card.GetByRole(AriaRole.Link, new() { Name = "Last ned PNG: QR-koden for KLUBB BLI" });
        await Expect(png).ToHaveAttributeAsync("download", "KLUBB-BLI-2401.png");
        var pngResponse = await page.APIRequest.GetAsync((await png.GetAttributeAsync("href"))!);
        Assert.Equal("image/png", pngResponse.Headers["content-type"]);
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Last ned SVG: QR-koden for KLUBB BLI" })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Skriv ut QR-koden for KLUBB BLI" })).ToBeVisibleAsync();

        var signedUp = page.Locator("#rows tr").Filter(new() { HasText = "+47 913 05 001" });
        await Expect(signedUp).ToContainTextAsync("«Klubb bli med» til 2401");
        await Expect(signedUp).ToContainTextAsync("Kundeklubben");
        await WebFixture.ScreenshotAsync(page, "sign-ups");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "sign-ups-phone");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_marketer_adds_a_sign_up_to_a_keyword_changes_nothing_else_on_it_and_removes_it_with_a_second_press()
    {
        var client = web.Host.Client(WebHost.ApiKey);
        await GroupAndKeywordAsync(client, "Vinklubben", "VIN");
        (await client.PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "vin", rules = new[] { new { kind = "AutoReply", target = "Skål fra vinbaren!" } } }))
            .EnsureSuccessStatusCode();

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard");
        await page.GotoAsync("/app/sign-ups");
        var form = page.Locator("#rule-form");
        await form.GetByLabel("Kodeord", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIN på 2401" });
        await form.GetByLabel("Underord (valgfritt)").FillAsync("to ord");
        await form.GetByLabel("Gruppe").SelectOptionAsync(new SelectOptionValue { Label = "Vinklubben" });
        await form.GetByLabel("Bekreftelse på SMS (tom: standardteksten)").FillAsync("Velkommen i vinklubben!");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre påmeldingen" }).ClickAsync();
        await Expect(page.Locator("#sub-error")).ToHaveTextAsync("Et kodeord er 1 til 20 bokstaver eller sifre, uten mellomrom.");
        await Expect(form.GetByLabel("Underord (valgfritt)")).ToHaveAttributeAsync("aria-invalid", "true");

        await form.GetByLabel("Underord (valgfritt)").FillAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre påmeldingen" }).ClickAsync();
        await Expect(page.Locator("#rule-note")).ToHaveTextAsync("Lagret: den som sender VIN, blir med i Vinklubben.");
        var card = page.Locator(".qr-card[data-keyword='VIN']");
        await Expect(card).ToContainTextAsync("Blir med i Vinklubben");
        await Expect(card).ToContainTextAsync("Bekreftelse: «Velkommen i vinklubben!»");
        await WebFixture.ScreenshotAsync(page, "sign-ups-add");

        await web.Host.InjectAsync("+4791305002", "Vin", to: "2401");
        await AtSmscAsync("4791305002", "Velkommen i vinklubben!");
        await AtSmscAsync("4791305002", "Skål fra vinbaren!"); // the keyword's auto-reply is still there

        await card.GetByRole(AriaRole.Button, new() { Name = "Endre påmeldingen VIN til Vinklubben" }).ClickAsync();
        await Expect(page.Locator("#rule-heading")).ToHaveTextAsync("Endre påmeldingen VIN til Vinklubben");
        var confirmation = form.GetByLabel("Bekreftelse på SMS (tom: standardteksten)");
        await Expect(confirmation).ToBeFocusedAsync();
        await Expect(confirmation).ToHaveValueAsync("Velkommen i vinklubben!");
        await confirmation.FillAsync("Velkommen tilbake!");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre påmeldingen" }).ClickAsync();
        await Expect(card).ToContainTextAsync("Bekreftelse: «Velkommen tilbake!»");
        await Expect(card).ToHaveCountAsync(1); // changed, not added
        await Expect(page.Locator("#rule-heading")).ToHaveTextAsync("Legg til en påmelding");

        var remove = card.GetByRole(AriaRole.Button, new() { Name = "Fjern påmeldingen VIN til Vinklubben" });
        await remove.ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Trykk igjen for å fjerne: Fjern påmeldingen VIN til Vinklubben" })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Trykk igjen for å fjerne: Fjern påmeldingen VIN til Vinklubben" }).ClickAsync();
        await Expect(page.Locator("#rule-note")).ToHaveTextAsync("Fjernet: VIN melder ikke lenger på til Vinklubben.");
        await Expect(card).ToHaveCountAsync(0);
        var rules = await client.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        var vin = rules.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("number").GetString() == "2401" && r.GetProperty("keyword").GetString() == "VIN" && r.GetProperty("subKeyword").ValueKind == JsonValueKind.Null);
        Assert.Equal(["AutoReply"], vin.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        await page.Context.CloseAsync();
    }

    /// <summary>A new group of the demo account and a keyword of its own on 2401; the group's id.</summary>
    private static async Task<string> GroupAndKeywordAsync(HttpClient client, string group, string keyword)
    {
        var created = await client.PostAsJsonAsync("/api/v1/groups", new { name = group });
        (await client.PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword })).EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Waits for a text at the simulator (polled from outside, bounded; there is no event to await).</summary>
    private async Task AtSmscAsync(string number, string words)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (web.Host.SubmitsTo(number).Concat(web.Host.SubmitsTo("+" + number)).All(t => !t.Contains(words)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"'{words}' never reached {number}");
            await Task.Delay(50);
        }
    }
}
