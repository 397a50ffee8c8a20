using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>The agent inbox in a real browser against the real host: inbound SMS over SMPP from the simulator, live over SignalR.</summary>
[Collection(WebCollection.Name)]
public class InboxPageTests(WebFixture web)
{
    private static ILocator Item(IPage page, string contactShown) => page.Locator("#conversations li").Filter(new() { HasText = contactShown });

    [ChromiumFact]
    public async Task An_inbound_sms_appears_live_the_agent_claims_and_replies_and_sees_it_delivered()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await web.Host.InjectAsync("+4791111111", "Hei, er pakken min sendt?");

        var item = Item(page, "+47 911 11 111");
        await Expect(item).ToContainTextAsync("Hei, er pakken min sendt?");
        await Expect(item.Locator(".badge")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true")); // live, not by a reload
        await WebFixture.ScreenshotAsync(page, "inbox-new-message");

        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samtale med +47 911 11 111" })).ToBeVisibleAsync();
        await Expect(page.Locator(".message.in")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Hei, er pakken min sendt\\?"));
        await Expect(item.Locator(".badge")).ToHaveCountAsync(0); // read once opened

        await page.Keyboard.PressAsync("c"); // the claim shortcut
        await Expect(item).ToContainTextAsync("Tildelt deg");
        await Expect(page.Locator("[data-count=mine]")).ToHaveTextAsync("1");

        var box = page.GetByLabel("Svar", new() { Exact = true });
        await box.FillAsync("Ja, den ble sendt i dag 😀");
        await Expect(page.Locator("#reply-counter")).ToHaveTextAsync("25 tegn · 1 SMS · UCS-2 · 44 igjen");
        await page.ReloadAsync(); // the draft survives a reload
        await Expect(box).ToHaveValueAsync("Ja, den ble sendt i dag 😀");
        await box.FillAsync("Ja, den ble sendt i dag!");
        await Expect(page.Locator("#reply-counter")).ToHaveTextAsync("24 tegn · 1 SMS · GSM-7 · 136 igjen");
        await box.PressAsync("Enter");

        var sent = page.Locator(".message.out").Filter(new() { HasText = "Ja, den ble sendt i dag!" });
        await Expect(sent.Locator(".tick[data-status=delivered]")).ToBeVisibleAsync();
        await Expect(sent).ToHaveCountAsync(1);
        await Expect(box).ToHaveValueAsync("");
        await WebFixture.ScreenshotAsync(page, "inbox-thread-delivered");

        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "inbox-thread-phone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbake til listen" }).ClickAsync();
        await Expect(item).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "inbox-list-phone");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task After_the_connection_drops_the_inbox_recovers_by_itself_and_shows_what_came_meanwhile_once()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await web.Host.InjectAsync("+4792222222", "Første melding");
        var item = Item(page, "+47 922 22 222");
        await Expect(item).ToContainTextAsync("Første melding");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        // Offline, then the live connection is cut: its reconnect attempts fail until the network returns.
        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.frontInbox.live.connection.stop()");
        await Expect(page.Locator("#connection[data-state=offline]")).ToBeVisibleAsync();
        await web.Host.InjectAsync("+4792222222", "Sendt mens siden var frakoblet");
        await WebFixture.ScreenshotAsync(page, "inbox-offline");
        await page.Context.SetOfflineAsync(false);

        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        await Expect(item).ToContainTextAsync("Sendt mens siden var frakoblet");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator(".badge")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await item.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".message.in")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_marketer_is_told_the_inbox_is_for_agents()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");
        await page.GetByLabel("Brukernavn").FillAsync("marketer@demo");
        await page.GetByLabel("Passord").FillAsync(WebHost.MarketerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/dashboard$")); // a marketer lands on the dashboard
        await page.GotoAsync("/app/inbox");

        await Expect(page.GetByText("Du har ikke tilgang til innboksen. Den er for agenter.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task While_the_tab_is_hidden_new_inbound_messages_are_counted_in_the_title()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        // Headless Chromium never hides a page by itself: the page is told it is hidden, as a switch to another tab would.
        await page.EvaluateAsync("() => { window.hidden = true; Object.defineProperty(document, 'hidden', { get: () => window.hidden }); document.dispatchEvent(new Event('visibilitychange')); }");

        await web.Host.InjectAsync("+4794444441", "Er dere der?");
        await Expect(page).ToHaveTitleAsync("(1) Ny melding – Front");
        await web.Host.InjectAsync("+4794444442", "Hallo?");
        await Expect(page).ToHaveTitleAsync("(2) Ny melding – Front");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-chimes", "2"); // and a sound for each
        await page.EvaluateAsync("() => { window.hidden = false; document.dispatchEvent(new Event('visibilitychange')); }");

        await Expect(page).ToHaveTitleAsync("Innboks – Front");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task The_tabs_count_and_filter_unread_first_and_j_and_k_move_between_conversations()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await web.Host.InjectAsync("+4793333331", "Eldre");
        await Expect(Item(page, "+47 933 33 331")).ToBeVisibleAsync();
        await web.Host.InjectAsync("+4793333332", "Nyere");
        await Expect(Item(page, "+47 933 33 332")).ToBeVisibleAsync();

        await page.Locator("[data-tab=unassigned]").ClickAsync();
        await page.GetByLabel("Bare uleste").CheckAsync();
        var items = page.Locator("#conversations li");
        await Expect(items.First).ToContainTextAsync("Nyere"); // both unread: newest first

        await page.Locator("body").PressAsync("j");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tab=unassigned&unread=1&c="));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samtale med +47 933 33 332" })).ToBeVisibleAsync();
        await page.Locator("body").PressAsync("j");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samtale med +47 933 33 331" })).ToBeVisibleAsync();
        await page.Locator("body").PressAsync("k");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samtale med +47 933 33 332" })).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "inbox-tabs");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_long_thread_opens_at_its_newest_messages_and_shows_older_ones_on_request()
    {
        for (var n = 1; n <= 203; n++)
            await web.Host.InjectAsync("+4797777777", $"Melding {n}");
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        var item = Item(page, "+47 977 77 777");
        await Expect(item.Locator(".badge")).ToHaveTextAsync("203");

        await item.GetByRole(AriaRole.Link).ClickAsync();
        var messages = page.Locator(".message.in");
        await Expect(messages).ToHaveCountAsync(200);
        await Expect(messages.Last.Locator(".text")).ToHaveTextAsync("Melding 203");
        await Expect(messages.First.Locator(".text")).ToHaveTextAsync("Melding 4");
        var older = page.GetByRole(AriaRole.Button, new() { Name = "Vis eldre meldinger" });
        await older.ClickAsync();
        await Expect(messages).ToHaveCountAsync(203);
        await Expect(messages.First.Locator(".text")).ToHaveTextAsync("Melding 1");
        await Expect(older).ToBeHiddenAsync(); // nothing older left
        await page.Context.CloseAsync();
    }
}
