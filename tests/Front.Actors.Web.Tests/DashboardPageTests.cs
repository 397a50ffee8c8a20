using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Front.Actors.Web.Tests;

/// <summary>The dashboard against the real host: an account's traffic moving live, and the provider's binds and throughput.</summary>
[Collection(WebCollection.Name)]
public class DashboardPageTests(WebFixture web)
{
    private async Task<string> SendAsync(string to, string text)
    {
        var response = await web.Host.Client(WebHost.ApiKey).PostAsJsonAsync("/api/v1/messages", new { from = "Front", to = new[] { to }, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("id").GetString()!;
    }

    [ChromiumFact]
    public async Task A_marketer_sees_todays_traffic_and_each_message_move_live_to_delivered()
    {
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "marketer@demo", WebHost.MarketerPassword, "/app/dashboard"); // a marketer lands here
        await Expect(page.Locator("#connection[data-state=live]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Konto demo" })).ToBeVisibleAsync();

        var id = await SendAsync("+4798888881", "Velkommen som kunde!");
        await Expect(page.Locator("#ticker li[data-status=delivered]").Filter(new() { HasText = id })).ToBeVisibleAsync();
        await Expect(page.Locator("#period-today .big")).Not.ToHaveTextAsync("0");
        await Expect(page.Locator("#period-today .rate")).ToHaveTextAsync(new Regex(@"^\d+(,\d)?\s?%$"));
        await WebFixture.ScreenshotAsync(page, "dashboard-account");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "dashboard-account-phone");
        await page.Context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Operations_see_the_binds_up_and_the_throughput_per_operator()
    {
        await SendAsync("+4798888882", "Til Telenor-nummeret");
        var page = await web.NewPageAsync();
        await WebFixture.SignInAsAsync(page, "operations@provider", WebHost.StaffPassword, "/app/dashboard");
        await Expect(page.Locator("#bind-rows tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#bind-rows .state.up")).ToHaveCountAsync(3);
        await Expect(page.Locator("#throughput-rows tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#account")).ToBeHiddenAsync(); // staff have no account of their own
        await WebFixture.ScreenshotAsync(page, "dashboard-provider");
        await page.SetViewportSizeAsync(390, 844);
        await WebFixture.ScreenshotAsync(page, "dashboard-provider-phone");
        await page.Context.CloseAsync();
    }
}
