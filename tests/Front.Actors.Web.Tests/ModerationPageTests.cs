using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>The moderators' page against the real host: held sends appear live, decisions release them, other moderators' screens follow.</summary>
[Collection(WebCollection.Name)]
public class ModerationPageTests(WebFixture web)
{
    private static ILocator Held(IPage page, string text) => page.Locator(".held-item").Filter(new() { HasText = text });

    /// <summary>A send from the demo account with a link to a domain it has not had approved: held for a moderator.</summary>
    private async Task<string> HoldAsync(string to, string text)
    {
        var response = await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { to }, text });
        response.EnsureSuccessStatusCode();
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0];
        Assert.Equal("held", message.GetProperty("status").GetString());
        return message.GetProperty("id").GetString()!;
    }

    private async Task<IPage> SignInModeratorAsync(string userName, string password)
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, userName, password, "/app/moderation"); // a moderator lands on the queue
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        return page;
    }

    [ChromiumFact]
    public async Task A_moderator_approves_a_held_message_and_it_is_sent_while_a_second_moderators_screen_drops_it_live()
    {
        var created = await web.Host.Client(WebHost.ModeratorKey).PostAsJsonAsync("/api/v1/users",
            new { userName = "mona@provider", displayName = "Mona", password = "a-moderator-passphrase", roles = new Dictionary<string, string> { ["provider"] = "moderator" } });
        created.EnsureSuccessStatusCode();
        var first = await SignInModeratorAsync("moderator@provider", WebHost.StaffPassword);
        var second = await SignInModeratorAsync("mona@provider", "a-moderator-passphrase");

        // The customer's status stream says when the message leaves: no polling.
        var sent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? messageId = null;
        await using var statuses = new HubConnectionBuilder()
            .WithUrl(new Uri(web.Host.BaseAddress, "/hubs/messages"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(WebHost.ApiKey))
            .Build();
        statuses.On<JsonElement>("StatusChanged", s =>
        {
            if (s.GetProperty("id").GetString() == messageId && s.GetProperty("status").GetString() is "submitted" or "delivered")
                sent.TrySetResult(s.GetProperty("status").GetString()!);
        });
        await statuses.StartAsync();

        messageId = await HoldAsync("+4797777771", "Se tilbudet: https://tilbud.example.com/jul");
        var onFirst = Held(first, "tilbud.example.com");
        var onSecond = Held(second, "tilbud.example.com");
        await Expect(onFirst).ToBeVisibleAsync(); // live: the page was open before it was held
        await Expect(onFirst).ToContainTextAsync("Lenke til domene som ikke er godkjent");
        await Expect(onFirst).ToContainTextAsync("demo");
        await Expect(onSecond).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(first, "moderation-queue");

        await onFirst.GetByRole(AriaRole.Button, new() { Name = "Godkjenn", Exact = true }).ClickAsync();

        await Expect(first.Locator("#decided")).ToContainTextAsync("Godkjent: 1 melding fra demo sendes nå.");
        await Expect(onFirst).ToHaveCountAsync(0);
        await Expect(onSecond).ToHaveCountAsync(0); // dropped live on the other moderator's screen
        await Expect(second.Locator("#live-note")).ToContainTextAsync("godkjente et element fra demo");
        Assert.Contains(await sent.Task.WaitAsync(TimeSpan.FromSeconds(30)), new[] { "submitted", "delivered" });
        Assert.Contains("Se tilbudet: https://tilbud.example.com/jul", web.Host.SubmitsTo("4797777771").Concat(web.Host.SubmitsTo("+4797777771")));
        await WebFixture.ScreenshotAsync(first, "moderation-decided");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Many_items_are_rejected_at_once_only_with_a_reason_and_the_audit_log_shows_the_decisions()
    {
        var page = await SignInModeratorAsync("moderator@provider", WebHost.StaffPassword);
        await HoldAsync("+4797777772", "Vinn en iPhone: http://vinn.example.net/a");
        await HoldAsync("+4797777773", "Vinn en iPad: http://vinn.example.net/b");
        await page.Locator("#filters").GetByLabel("Konto").FillAsync("demo");
        await page.GetByLabel("Årsak").SelectOptionAsync("unapproved-link");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).First.ClickAsync();
        var items = page.Locator(".held-item").Filter(new() { HasText = "vinn.example.net" });
        await Expect(items).ToHaveCountAsync(2);

        foreach (var item in await items.AllAsync())
            await item.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Avvis valgte (2)" }).ClickAsync();
        await Expect(page.Locator("#reason-error")).ToHaveTextAsync("Skriv en begrunnelse kunden kan forstå før du avviser.");
        await Expect(items).ToHaveCountAsync(2); // nothing decided without a reason

        await page.Locator("#decide").GetByLabel("Begrunnelse").FillAsync("Konkurranse uten vilkår");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avvis valgte (2)" }).ClickAsync();
        await Expect(items).ToHaveCountAsync(0);
        await Expect(page.Locator("#decided li[data-outcome=rejected]")).ToHaveCountAsync(2);
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "moderation-phone");
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByRole(AriaRole.Link, new() { Name = "Revisjonslogg" }).ClickAsync();
        await Expect(page.Locator("#audit-rows tr").Filter(new() { HasText = "moderation.reject" }).First).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "moderation-audit");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task A_moderator_raises_an_accounts_limit_and_suspends_and_resumes_it()
    {
        (await web.Host.Client(WebHost.ModeratorKey).PostAsJsonAsync("/api/v1/accounts", new { id = "kunde-as", name = "Kunde AS" })).EnsureSuccessStatusCode();
        var page = await SignInModeratorAsync("moderator@provider", WebHost.StaffPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Kontoer" }).ClickAsync();

        var limits = page.Locator("#limits-form");
        await limits.GetByLabel("Konto").FillAsync("finnes-ikke");
        await limits.GetByLabel("SMS-deler per måned").FillAsync("500 000");
        await limits.GetByRole(AriaRole.Button, new() { Name = "Lagre grensene" }).ClickAsync();
        await Expect(page.Locator("#limits-account-error")).ToContainTextAsync("finnes-ikke"); // the API's 404, next to the field

        await limits.GetByLabel("Konto").FillAsync("kunde-as");
        await limits.GetByLabel("SMS-deler per måned").FillAsync("500 000");
        await limits.GetByRole(AriaRole.Button, new() { Name = "Lagre grensene" }).ClickAsync();
        await Expect(page.Locator("#limits-done")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^kunde-as: .*500\s000 SMS-deler per måned"));

        var suspension = page.Locator("#suspend-form");
        await suspension.GetByLabel("Konto").FillAsync("kunde-as");
        await suspension.GetByLabel("Begrunnelse").FillAsync("Mistenkelig trafikk");
        await suspension.GetByRole(AriaRole.Button, new() { Name = "Steng kontoen" }).ClickAsync();
        await Expect(page.Locator("#suspend-done")).ToHaveTextAsync("kunde-as er stengt: nye sendinger holdes, køen står stille.");
        await WebFixture.ScreenshotAsync(page, "moderation-accounts");
        await suspension.GetByRole(AriaRole.Button, new() { Name = "Åpne kontoen igjen" }).ClickAsync();
        await Expect(page.Locator("#suspend-done")).ToContainTextAsync("kunde-as er åpnet igjen");
        await page.Context.CloseAsync();
    }
}
