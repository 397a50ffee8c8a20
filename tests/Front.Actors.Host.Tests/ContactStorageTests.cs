using System.Net;
using System.Net.Http.Json;
using System.Text;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>The contact stores' queries (cursor paging, search ignoring case, batch import, audience) on each database.</summary>
public class ContactStorageTests
{
    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task Import_paging_search_and_preview_agree_on_each_database(string provider)
    {
        await using var host = await EngineHost.StartAsync(provider == "Sqlite" ? TestDatabase.Sqlite() : TestDatabase.Postgres());
        var client = host.Client();
        var csv = new StringBuilder("Fornavn;Etternavn;Mobil;Kundenr\n");
        for (var i = 0; i < 30; i++)
            csv.Append($"Åse{i};Ødegård;+47 930 {i:D2} 000;{i}\n");
        csv.Append("Åse0;Ødegård;93000000;0\n"); // a duplicate

        var report = await OkAsync(await client.PostAsync("/api/v1/accounts/demo/contacts/import?group=Alle", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")));
        var again = await OkAsync(await client.PostAsync("/api/v1/accounts/demo/contacts/import?group=alle", new StringContent(csv.ToString().Replace("Ødegård", "Øye"), Encoding.UTF8, "text/csv")));
        var groupId = report.GetProperty("groupId").GetString()!;
        var pages = new List<string>();
        string? next = null;
        do
        {
            var page = await OkAsync(await client.GetAsync($"/api/v1/accounts/demo/contacts?q=%C3%A5SE&limit=7" + (next is null ? "" : $"&after={next}")));
            pages.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("number").GetString()!));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);
        var preview = await OkAsync(await client.PostAsJsonAsync("/api/v1/accounts/demo/templates/preview", new { text = "Hei {fornavn} {etternavn} ({kundenr})", groupIds = new[] { groupId } }));
        var taken = await client.PostAsJsonAsync("/api/v1/accounts/demo/contacts", new { number = "93000000" });

        Assert.Equal((30, 1), (report.GetProperty("added").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 30, groupId), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("groupId").GetString()));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"+47930{i:D2}000"), pages);
        Assert.Equal(30, preview.GetProperty("audience").GetInt32());
        Assert.Matches(@"^Hei Åse[12]\d Øye \([12]\d\)$", preview.GetProperty("worstCase").GetProperty("text").GetString()); // one of the longest
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }
}
