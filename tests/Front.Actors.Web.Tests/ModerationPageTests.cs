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

    /// <summary>
    /// A demo campaign of three contacts (47&lt;prefix&gt;00000x) whose text links to a domain the account has not had approved:
    /// the whole campaign is held for a moderator. Answers the campaign's id.
    /// </summary>
    internal static async Task<string> HoldCampaignAsync(WebHost host, string name, string text, int prefix)
    {
        var client = host.Client(WebHost.ApiKey);
        var csv = $"number;fornavn\n{prefix}000001;Kari\n{prefix}000002;Ola\n{prefix}000003;Per\n";
        var imported = await client.PostAsync($"/api/v1/contacts/import?group={Uri.EscapeDataString(name)}", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        imported.EnsureSuccessStatusCode();
        var group = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("groupId").GetString()!;
        var created = await client.PostAsJsonAsync("/api/v1/campaigns", new { name, from = "Front", text, groups = new[] { group }, messagesPerSecond = 10 });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var started = await client.PostAsync($"/api/v1/campaigns/{id}/start", null);
        started.EnsureSuccessStatusCode();
        Assert.Equal("held", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        return id;
    }

    /// <summary>Reads the campaign until it has the status (the campaign's own progress is not on the moderators' page).</summary>
    private async Task UntilCampaignAsync(string id, string status)
    {
        var client = web.Host.Client(WebHost.ApiKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var campaign = await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{id}");
            if (campaign.GetProperty("status").GetString() == status)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"campaign {id} is {campaign.GetProperty("status").GetString()}, not {status}");
            await Task.Delay(100);
        }
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
    public async Task A_moderator_approves_a_held_campaign_and_it_runs_while_a_second_moderators_screen_drops_it_live()
    {
        var created = await web.Host.Client(WebHost.ModeratorKey).PostAsJsonAsync("/api/v1/users",
            new { userName = "kari@provider", displayName = "Kari", password = "another-moderator-passphrase", roles = new Dictionary<string, string> { ["provider"] = "moderator" } });
        created.EnsureSuccessStatusCode();
        var first = await SignInModeratorAsync("moderator@provider", WebHost.StaffPassword);
        var second = await SignInModeratorAsync("kari@provider", "another-moderator-passphrase");

        var id = await HoldCampaignAsync(web.Host, "Vårkampanje", "Hei {fornavn}! Vårsalg: https://var.example.com/salg", 46);
        var onFirst = first.Locator($".held-item[data-item='{id}']");
        var onSecond = second.Locator($".held-item[data-item='{id}']");
        await Expect(onFirst).ToBeVisibleAsync(); // live: the pages were open before it was held
        await Expect(onFirst.Locator(".kind-badge")).ToHaveTextAsync("kampanje");
        await Expect(onFirst).ToContainTextAsync("3 mottakere");
        await Expect(onFirst).ToContainTextAsync("Lenke til domene som ikke er godkjent");
        await Expect(onFirst.Locator(".preview")).ToHaveTextAsync("Hei {fornavn}! Vårsalg: https://var.example.com/salg");
        await Expect(onSecond).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(first, "moderation-campaign");
        await second.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(second, "moderation-campaign-phone");

        await first.Locator("#decide").GetByLabel("Begrunnelse").FillAsync("Kjent avsender");
        await onFirst.GetByRole(AriaRole.Button, new() { Name = "Godkjenn", Exact = true }).ClickAsync();

        await Expect(first.Locator("#decided")).ToContainTextAsync("Godkjent: kampanjen fra demo til 3 mottakere er sluppet.");
        await Expect(onFirst).ToHaveCountAsync(0);
        await Expect(onSecond).ToHaveCountAsync(0); // dropped live on the other moderator's screen
        await Expect(second.Locator("#live-note")).ToContainTextAsync("godkjente et element fra demo");
        await UntilCampaignAsync(id, "finished");
        Assert.Contains("Hei Ola! Vårsalg: https://var.example.com/salg", web.Host.SubmitsTo("4746000002").Concat(web.Host.SubmitsTo("+4746000002")));
        await WebFixture.ScreenshotAsync(first, "moderation-campaign-decided");
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
