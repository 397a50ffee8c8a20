using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Templates with merge fields over HTTP: kept in the account's order, hidden rather than deleted once used, refused
/// with the reason when broken; the preview renders a sample, the worst case over the audience, and the opt-out footer.
/// </summary>
public class TemplateTests(ContactHost fixture) : IClassFixture<ContactHost>
{
    private const string Templates = "/api/v1/accounts/demo/templates";

    private HttpClient Client => fixture.Host.Client();

    private async Task<string> CreateAsync(string name, string text, int? position = null) =>
        (await OkAsync(await Client.PostAsJsonAsync(Templates, new { name, text, position }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public async Task Templates_are_listed_in_order_hidden_on_request_and_a_used_one_is_hidden_instead_of_deleted()
    {
        var second = await CreateAsync("Påminnelse", "Husk timen din {dato|i morgen}", position: 20);
        var first = await CreateAsync("Velkommen", "Hei {firstName|kunde}!", position: 10);
        var unused = await CreateAsync("Kladd", "Kladd");

        var listed = await OkAsync(await Client.GetAsync(Templates));
        var hidden = await OkAsync(await Client.PutAsJsonAsync($"{Templates}/{second}", new { hidden = true }));
        var visible = await OkAsync(await Client.GetAsync(Templates));
        var all = await OkAsync(await Client.GetAsync($"{Templates}?includeHidden=true"));
        await fixture.Host.Services.GetRequiredService<TemplateStore>().MarkUsedAsync("demo", first);
        var deleteUsed = await Client.DeleteAsync($"{Templates}/{first}");
        var deleteUnused = await Client.DeleteAsync($"{Templates}/{unused}");
        var usedStays = await OkAsync(await Client.GetAsync($"{Templates}/{first}"));
        var unusedGone = await Client.GetAsync($"{Templates}/{unused}");

        static List<string> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.Equal([first, second], Ids(listed).Where(id => id == first || id == second));
        Assert.Equal(["{firstName|kunde}"], listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == first)
            .GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.DoesNotContain(second, Ids(visible));
        Assert.Contains(second, Ids(all));
        Assert.Equal(HttpStatusCode.OK, deleteUsed.StatusCode);
        Assert.True(usedStays.GetProperty("hidden").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleteUnused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unusedGone.StatusCode);
    }

    [Fact]
    public async Task A_broken_template_is_refused_naming_the_text_and_the_name()
    {
        var errors = await ProblemAsync(await Client.PostAsJsonAsync(Templates, new { name = "", text = "Hei {firstName" }), HttpStatusCode.BadRequest);

        Assert.Equal(["name", "text"], errors.Keys.Order());
        Assert.Contains("not closed", errors["text"][0]);
    }

    [Fact]
    public async Task The_preview_renders_a_sample_and_the_worst_case_over_the_groups_with_encoding_and_segments()
    {
        var group = await fixture.GroupAsync("preview");
        var csv = "fornavn;mobil;butikk\nOla;92000001;Bodø\nKristoffer-Alexander;92000002;Kristiansand\n;92000003;\n";
        var import = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        await OkAsync(await Client.PostAsync($"/api/v1/accounts/demo/contacts/import?groupId={group}", import));
        var ola = (await OkAsync(await Client.GetAsync("/api/v1/accounts/demo/contacts?q=92000001"))).GetProperty("items")[0].GetProperty("id").GetString();

        var preview = await OkAsync(await Client.PostAsJsonAsync($"{Templates}/preview",
            new { text = "Hei {firstName|kunde}! Velkommen til {butikk|oss}.", contactId = ola, groupIds = new[] { group } }));
        var withFooter = await OkAsync(await Client.PostAsJsonAsync($"{Templates}/preview", new { text = "Tilbud! 😀", optOutFooter = true }));

        Assert.Equal("Hei Ola! Velkommen til Bodø.", preview.GetProperty("sample").GetProperty("text").GetString());
        Assert.Equal(("gsm7", 1), (preview.GetProperty("sample").GetProperty("encoding").GetString(), preview.GetProperty("sample").GetProperty("segments").GetInt32()));
        Assert.Equal("Hei Kristoffer-Alexander! Velkommen til Kristiansand.", preview.GetProperty("worstCase").GetProperty("text").GetString());
        Assert.Equal("+4792000002", preview.GetProperty("worstCase").GetProperty("number").GetString());
        Assert.Equal(3, preview.GetProperty("audience").GetInt32());
        Assert.Equal("Tilbud! 😀\nReservér deg: send STOPP DEMO til 2401", withFooter.GetProperty("sample").GetProperty("text").GetString());
        Assert.Equal("ucs2", withFooter.GetProperty("sample").GetProperty("encoding").GetString());
    }

    [Fact]
    public async Task A_preview_with_an_unknown_merge_field_or_unknown_audience_names_each_field()
    {
        var errors = await ProblemAsync(await Client.PostAsJsonAsync($"{Templates}/preview",
            new { text = "Hei {fornavnn|kunde}", contactId = "nosuch", groupIds = new[] { "nosuch" } }), HttpStatusCode.BadRequest);
        var neither = await ProblemAsync(await Client.PostAsJsonAsync($"{Templates}/preview", new { }), HttpStatusCode.BadRequest);
        var noTemplate = await ProblemAsync(await Client.PostAsJsonAsync($"{Templates}/preview", new { templateId = "nosuch" }), HttpStatusCode.BadRequest);

        Assert.Equal(["contactId", "groupIds", "text"], errors.Keys.Order());
        Assert.Contains("{fornavnn}", errors["text"][0]);
        Assert.True(neither.ContainsKey("text"));
        Assert.True(noTemplate.ContainsKey("templateId"));
    }
}
