using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>Each role lands on its own page, sees only the pages it may open, and is refused the others with a page a person understands.</summary>
[Collection(WebCollection.Name)]
public class RoleNavigationTests(WebFixture web)
{
    [ChromiumFact]
    public async Task An_agent_cannot_reach_the_admin_or_moderation_screens_and_is_told_why()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await Expect(page.Locator("#areas")).ToBeHiddenAsync(); // one page only: no bar to choose from

        foreach (var (path, why) in new[] { ("/app/moderation", "Modereringen er for leverandørens moderatorer"), ("/app/admin", "Administrasjonen er for administratorer av en konto"),
                     ("/app/campaigns", "Kampanjer er for kontoens administratorer og markedsførere"), ("/app/templates", "Maler er for kontoens administratorer og markedsførere"),
                     ("/app/contacts", "Kontakter og grupper er for kontoens administratorer og markedsførere"), ("/app/sign-ups", "Påmeldinger er for kontoens administratorer og markedsførere") })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingen tilgang" })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(why);
            Assert.DoesNotContain("Exception", await page.ContentAsync());
        }
        await WebFixture.ScreenshotAsync(page, "forbidden");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "forbidden-phone");

        // Nor through the API the page would have called.
        var api = await page.APIRequest.GetAsync("/api/v1/moderation/items");
        Assert.Equal(403, api.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gå til din startside" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/app/inbox$"));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task An_agent_cannot_open_another_accounts_conversation_by_its_address()
    {
        var moderator = web.Host.Client(WebHost.ModeratorKey);
        (await moderator.PostAsJsonAsync("/api/v1/accounts", new { id = "annen-konto", name = "Annen konto" })).EnsureSuccessStatusCode();
        (await moderator.PutAsJsonAsync("/api/v1/numbers/+4790000077", new { ownerAccountId = "annen-konto", shared = false })).EnsureSuccessStatusCode();
        var key = await (await moderator.PostAsJsonAsync("/api/v1/accounts/annen-konto/keys", new { name = "test" })).Content.ReadFromJsonAsync<JsonElement>();
        await web.Host.InjectAsync("+4793333777", "Hemmelig for andre kontoer", to: "+4790000077");
        var theirs = await ConversationOfAsync(web.Host.Client(key.GetProperty("key").GetString()), "+4793333777");

        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await page.GotoAsync($"/app/inbox?c={Uri.EscapeDataString(theirs)}");

        await Expect(page.Locator("#thread-notice")).ToHaveTextAsync(new Regex("^(Du har ikke tilgang til dette.|Fant ikke samtalen.)$"));
        await Expect(page.Locator("#messages .message")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Hemmelig for andre kontoer", await page.ContentAsync());
        Assert.Contains((await page.APIRequest.GetAsync($"/api/v1/conversations/{Uri.EscapeDataString(theirs)}/messages")).Status, new[] { 403, 404 });
        await page.Context.CloseAsync();
    }

    /// <summary>The id of the account's conversation with a contact, once the inbound message made it (polled, bounded).</summary>
    private static async Task<string> ConversationOfAsync(HttpClient client, string contact)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/conversations");
            if (page.GetProperty("items").EnumerateArray().FirstOrDefault(c => c.GetProperty("contact").GetString() == contact) is { ValueKind: JsonValueKind.Object } found)
                return found.GetProperty("id").GetString()!;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no conversation with {contact}");
            await Task.Delay(50);
        }
    }

    [ChromiumFact]
    public async Task Each_role_lands_on_its_page_and_its_bar_shows_only_what_it_may_open()
    {
        var cases = new[]
        {
            ("moderator@provider", WebHost.StaffPassword, "/app/moderation", new[] { "Moderering", "Oversikt" }),
            ("admin@demo", WebHost.AdminPassword, "/app/admin", new[] { "Administrasjon", "Kampanjer", "Maler", "Kontakter", "Påmeldinger", "Oversikt" }),
            ("marketer@demo", WebHost.MarketerPassword, "/app/dashboard", new[] { "Kampanjer", "Maler", "Kontakter", "Påmeldinger", "Oversikt" }),
        };
        foreach (var (user, password, landsOn, bar) in cases)
        {
            var page = await web.NewPageAsync();
            await WebFixture.SignInAsAsync(page, user, password, landsOn);
            await Expect(page.Locator("#areas a")).ToHaveTextAsync(bar);
            await page.Context.CloseAsync();
        }
    }
}
