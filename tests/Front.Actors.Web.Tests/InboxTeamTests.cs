using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>The inbox when agents work together: presence, claims, transfers, canned replies, a reply overtaken by the contact, closing.</summary>
[Collection(WebCollection.Name)]
public class InboxTeamTests(WebFixture web)
{
    private static ILocator Item(IPage page, string contactShown) => page.Locator("#conversations li").Filter(new() { HasText = contactShown });

    /// <summary>A second agent of the demo account, made by the account's key as an integration would.</summary>
    private async Task<(string UserName, string Password)> NewAgentAsync(string userName, string displayName)
    {
        const string password = "a-second-agent-passphrase";
        var created = await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/agents", new { userName, displayName, password });
        created.EnsureSuccessStatusCode();
        return (userName, password);
    }

    private static async Task OpenAsync(IPage page, string contactShown)
    {
        await Item(page, contactShown).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Samtale med {contactShown}" })).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task Two_agents_on_one_thread_see_each_other_typing_and_the_second_is_refused_a_claim()
    {
        var (kari, password) = await NewAgentAsync("kari@demo", "Kari");
        var first = await web.NewPageAsync();
        await WebFixture.SignInAsync(first);
        var second = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(second, kari, password, "/app/inbox");
        await Expect(second.Locator("#connection[data-state=live]")).ToBeVisibleAsync();

        await web.Host.InjectAsync("+4796666661", "Når stenger dere i dag?");
        await OpenAsync(first, "+47 966 66 661");
        await first.Locator("body").PressAsync("c");
        await Expect(Item(first, "+47 966 66 661")).ToContainTextAsync("Tildelt deg");

        await OpenAsync(second, "+47 966 66 661");
        await Expect(first.Locator("#thread-presence")).ToHaveTextAsync("Kari ser på samtalen");
        await second.GetByLabel("Svar", new() { Exact = true }).FillAsync("Vi stenger");
        await Expect(first.Locator("#thread-presence")).ToHaveTextAsync("Kari skriver …");
        await Expect(Item(first, "+47 966 66 661").Locator(".presence")).ToHaveTextAsync("Kari skriver …"); // on the list too
        await first.GetByLabel("Svar", new() { Exact = true }).FillAsync("Vi stenger kl. 17");
        await Expect(second.Locator("#thread-presence")).ToHaveTextAsync("Demo Agent skriver …");
        await WebFixture.ScreenshotAsync(first, "inbox-presence");

        await second.GetByLabel("Svar", new() { Exact = true }).PressAsync("Escape"); // out of the reply box, where keys are text
        await second.Locator("body").PressAsync("c");
        await Expect(second.Locator("#thread-notice")).ToHaveTextAsync("Du kan ikke ta samtalen: agent@demo har den allerede.");
        await Expect(Item(second, "+47 966 66 661")).ToContainTextAsync("Tildelt agent@demo");
        await WebFixture.ScreenshotAsync(second, "inbox-claim-refused");

        // The one who has it hands it on: the other sees it is theirs now.
        await first.GetByRole(AriaRole.Button, new() { Name = "Overfør", Exact = true }).ClickAsync();
        await first.GetByLabel("Overfør til").SelectOptionAsync(kari);
        await WebFixture.ScreenshotAsync(first, "inbox-transfer");
        await first.GetByRole(AriaRole.Button, new() { Name = "Overfør samtalen" }).ClickAsync();
        await Expect(first.Locator("#thread-notice")).ToHaveTextAsync($"Samtalen er overført til {kari}.");
        await Expect(Item(second, "+47 966 66 661")).ToContainTextAsync("Tildelt deg");
        await Expect(second.Locator("[data-count=mine]")).ToHaveTextAsync("1");

        // Leaving the thread ends the presence at once.
        await second.Locator("[data-tab=mine]").ClickAsync();
        await Expect(first.Locator("#thread-presence")).ToHaveTextAsync("");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_reply_is_refused_with_a_notice_when_the_contact_wrote_again_while_the_agent_was_writing()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await web.Host.InjectAsync("+4796666662", "Kan jeg bytte til rød?");
        await OpenAsync(page, "+47 966 66 662");
        var box = page.GetByLabel("Svar", new() { Exact = true });
        await box.FillAsync("Ja, rød er på lager.");

        await web.Host.InjectAsync("+4796666662", "Glem det, jeg vil heller avbestille.");
        await Expect(page.Locator(".message.in")).ToHaveCountAsync(2);
        await box.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("kontakten har skrevet en ny melding mens du skrev");
        await Expect(box).ToHaveValueAsync("Ja, rød er på lager."); // nothing lost
        await Expect(page.Locator(".message.out")).ToHaveCountAsync(0);
        await WebFixture.ScreenshotAsync(page, "inbox-reply-refused");

        // Read and answered anew: it goes.
        await box.FillAsync("Den er avbestilt.");
        await box.PressAsync("Enter");
        await Expect(page.Locator(".message.out").Filter(new() { HasText = "Den er avbestilt." })).ToHaveCountAsync(1);
        Assert.Contains("Den er avbestilt.", web.Host.SubmitsTo("4796666662").Concat(web.Host.SubmitsTo("+4796666662")));
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_slash_offers_the_accounts_templates_for_this_contact_and_e_closes_the_conversation()
    {
        var created = await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/accounts/demo/templates",
            new { name = "Åpningstider", text = "Hei {firstName|der}! Vi har åpent til kl. 17.", position = 1 });
        created.EnsureSuccessStatusCode();
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsync(page);
        await web.Host.InjectAsync("+4796666663", "Når har dere åpent?");
        await OpenAsync(page, "+47 966 66 663");

        var box = page.GetByLabel("Svar", new() { Exact = true });
        await box.PressSequentiallyAsync("/åpn");
        var option = page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Åpningstider" });
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await WebFixture.ScreenshotAsync(page, "inbox-canned-replies");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("Hei der! Vi har åpent til kl. 17.");
        await Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
        await box.PressAsync("Enter");
        await Expect(page.Locator(".message.out").Filter(new() { HasText = "Vi har åpent til kl. 17." })).ToHaveCountAsync(1);

        await box.PressAsync("Escape");
        await page.Locator("body").PressAsync("e");
        await Expect(page.Locator("#thread-notice")).ToHaveTextAsync("Samtalen er lukket. Den åpnes igjen hvis kontakten skriver.");
        await Expect(Item(page, "+47 966 66 663")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Åpne igjen" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
