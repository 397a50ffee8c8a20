using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

[Collection(WebCollection.Name)]
public class SignInPageTests(WebFixture web)
{
    [ChromiumFact]
    public async Task A_wrong_password_shows_the_reason_next_to_the_password_field_in_norwegian()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logg inn på Front" })).ToBeVisibleAsync();

        await page.GetByLabel("Brukernavn").FillAsync("marketer@demo");
        await page.GetByLabel("Passord").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Expect(page.Locator("#password-error")).ToHaveTextAsync("Feil brukernavn eller passord.");
        await Expect(page.GetByLabel("Passord")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        await WebFixture.ScreenshotAsync(page, "sign-in-wrong-password");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Repeated_wrong_passwords_lock_the_user_out_with_the_time_to_try_again_next_to_the_user_name()
    {
        // A user of its own: the lock-out lasts 15 minutes, and the other tests sign in as the seeded users.
        (await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/agents", new { userName = "locked@demo", displayName = "Locked", password = "a-passphrase-never-typed" }))
            .EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("Brukernavn").FillAsync("locked@demo");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" });
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Passord").FillAsync($"wrong-{attempt}");
            await submit.ClickAsync(); // waits until the previous attempt has enabled the button again
        }

        await Expect(page.Locator("#userName-error")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^For mange mislykkede forsøk\. Prøv igjen etter kl\. \d\d:\d\d\.$"));
        await WebFixture.ScreenshotAsync(page, "sign-in-locked");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task English_can_be_chosen_and_is_remembered()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Front" })).ToBeVisibleAsync();

        await page.ReloadAsync();

        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_session_cookie_is_http_only_and_strict_and_a_cookie_post_without_the_anti_forgery_header_is_refused()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "front-session");

        var without = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await fetch('/api/v1/conversations/none/claim', { method: 'POST' }); return { status: r.status, body: await r.json() }; }");
        var with = await page.EvaluateAsync<int>(
            "async () => (await fetch('/api/v1/conversations/none/claim', { method: 'POST', headers: { 'X-Front-Request': '1' } })).status");
        var read = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/conversations')).status");
        var script = await page.EvaluateAsync<string>("() => document.cookie");

        Assert.Equal((true, SameSiteAttribute.Strict), (cookie.HttpOnly, cookie.SameSite));
        Assert.Equal(403, without.GetProperty("status").GetInt32());
        Assert.True(without.GetProperty("body").GetProperty("errors").TryGetProperty("X-Front-Request", out _));
        Assert.Equal(404, with); // authenticated by the cookie, and no such conversation
        Assert.Equal(200, read); // reading needs no header
        Assert.DoesNotContain("front-session", script);
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Signing_out_ends_the_session_and_the_inbox_sends_the_person_to_sign_in()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        await Expect(page.GetByText("Du er logget ut.")).ToBeVisibleAsync();
        await page.GotoAsync("/app/inbox");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in\\?next="));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task An_unknown_page_shows_the_friendly_page_not_a_stack_trace()
    {
        var page = await web.NewPageAsync();
        var response = await page.GotoAsync("/app/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Siden kan ikke vises" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gå til startsiden" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_failure_while_answering_a_page_shows_the_friendly_page_not_a_stack_trace()
    {
        var page = await web.NewPageAsync();
        var response = await page.GotoAsync(FailingPage.Path);

        Assert.Equal(500, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Siden kan ikke vises" })).ToBeVisibleAsync();
        Assert.DoesNotContain("InvalidOperationException", await page.ContentAsync());
        await page.Context.CloseAsync();
    }
}
