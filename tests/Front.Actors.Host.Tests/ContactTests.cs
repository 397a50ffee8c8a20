using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Front.Actors.Host.Tests.ContactHost;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Contacts and groups over HTTP: kept one per number, searched and paged; imports from CSV (both encodings, both
/// separators) and pasted text that report what they did, refuse a malformed file whole, and refuse an oversized one
/// with 413 before reading it.
/// </summary>
public class ContactTests(ContactHost fixture) : IClassFixture<ContactHost>
{
    private const string Contacts = "/api/v1/accounts/demo/contacts";
    private static readonly Encoding Windows1252 = CodePages();

    private HttpClient Client => fixture.Host.Client();

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static MultipartFormDataContent Multipart(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "kunder.csv" } };
    }

    [Fact]
    public async Task A_contact_is_added_read_found_replaced_and_deleted_and_its_number_is_taken_once()
    {
        var created = await OkAsync(await Client.PostAsJsonAsync(Contacts, new { number = "911 00 001", firstName = "Kari", lastName = "Blåbærsen", fields = new { kundenr = "17" } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var again = await Client.PostAsJsonAsync(Contacts, new { number = "+47 911-00-001", name = "Kari" });
        var byName = await OkAsync(await Client.GetAsync($"{Contacts}?q=BLÅBÆR"));
        var byNumber = await OkAsync(await Client.GetAsync($"{Contacts}?q=0047%20911%2000"));
        var replaced = await OkAsync(await Client.PutAsJsonAsync($"{Contacts}/{id}", new { number = "91100002", name = "Kari Nordmann" }));
        var deleted = await Client.DeleteAsync($"{Contacts}/{id}");
        var gone = await Client.GetAsync($"{Contacts}/{id}");

        Assert.Equal("+4791100001", created.GetProperty("number").GetString());
        Assert.Equal("17", created.GetProperty("fields").GetProperty("kundenr").GetString());
        Assert.Contains("already", (await ProblemAsync(again, HttpStatusCode.Conflict))["number"][0]);
        Assert.Equal([id], byName.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([id], byNumber.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(("+4791100002", "Kari Nordmann"), (replaced.GetProperty("number").GetString(), replaced.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("firstName").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True((await ProblemAsync(gone, HttpStatusCode.NotFound)).ContainsKey("contactId"));
    }

    [Fact]
    public async Task A_contact_with_several_bad_fields_is_refused_naming_each()
    {
        var errors = await ProblemAsync(await Client.PostAsJsonAsync(Contacts, new
        {
            number = "22 22 55 55", name = new string('x', 201), fields = new Dictionary<string, string> { ["{bad}"] = "1" }, groupIds = new[] { "nosuch" },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["fields", "name", "number"], errors.Keys.Order());
        Assert.Contains("not a mobile number", errors["number"][0]);
    }

    [Fact]
    public async Task Paging_with_next_walks_every_contact_once_in_number_order()
    {
        var group = await fixture.GroupAsync("paging");
        var numbers = Enumerable.Range(0, 25).Select(i => $"+479120{i:D4}").ToList();
        await OkAsync(await Client.PostAsJsonAsync($"{Contacts}/import/text", new { text = string.Join('\n', numbers.AsEnumerable().Reverse()), groupId = group }));

        var all = await fixture.AllInGroupAsync(group, limit: 10);
        var badCursor = await Client.GetAsync($"{Contacts}?after=%%%");
        var badLimit = await Client.GetAsync($"{Contacts}?limit=0");

        Assert.Equal(numbers, all.Select(c => c.GetProperty("number").GetString()));
        Assert.True((await ProblemAsync(badCursor, HttpStatusCode.BadRequest)).ContainsKey("after"));
        Assert.True((await ProblemAsync(badLimit, HttpStatusCode.BadRequest)).ContainsKey("limit"));
    }

    [Fact]
    public async Task A_windows_1252_semicolon_file_from_excel_imports_with_aeoeaa_intact_and_reports_every_count()
    {
        (await Client.PostAsJsonAsync(Contacts, new { number = "+4791300001", firstName = "Gammel" })).EnsureSuccessStatusCode();
        var file = Windows1252.GetBytes(
            "Fornavn;Etternavn;Mobil;Sted\r\n" +
            "Åse;Ødegård;913 00 001;Tromsø\r\n" + // known: updated
            "Pål;Bø;+47 913-00-002;Ås\r\n" +
            "Pål;Bø;0047 91300002;Ås\r\n" + // the same number again: a duplicate
            "Ola;Fast;22 22 55 55;Oslo\r\n" + // a landline: invalid
            "Per;;abc;\r\n" + // not a number: invalid
            "Eva;Li;91300003;\r\n");

        var report = await OkAsync(await Client.PostAsync($"{Contacts}/import?group=Kunder%20nord", Multipart(file)));
        var group = report.GetProperty("groupId").GetString()!;
        var members = await fixture.AllInGroupAsync(group);
        var again = await OkAsync(await Client.PostAsync($"{Contacts}/import?groupId={group}", Csv(file)));

        Assert.Equal((2, 1, 0, 1), (report.GetProperty("added").GetInt32(), report.GetProperty("updated").GetInt32(), report.GetProperty("unchanged").GetInt32(),
            report.GetProperty("duplicates").GetInt32()));
        Assert.Equal([5, 6], report.GetProperty("invalid").EnumerateArray().Select(i => i.GetProperty("line").GetInt32()));
        Assert.Contains("mobile", report.GetProperty("invalid")[0].GetProperty("reason").GetString());
        var aase = members.Single(m => m.GetProperty("number").GetString() == "+4791300001");
        Assert.Equal(("Åse", "Ødegård", "Tromsø"), (aase.GetProperty("firstName").GetString(), aase.GetProperty("lastName").GetString(),
            aase.GetProperty("fields").GetProperty("Sted").GetString()));
        Assert.Equal(3, members.Count);
        Assert.Equal((0, 0, 3), (again.GetProperty("added").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task A_utf8_file_with_a_bom_and_commas_sent_as_the_body_imports()
    {
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,number\n\"Bjørn, jr.\",91400001\n")).ToArray();

        var report = await OkAsync(await Client.PostAsync($"{Contacts}/import", Csv(file)));
        var found = await OkAsync(await Client.GetAsync($"{Contacts}?q=91400001"));

        Assert.Equal(1, report.GetProperty("added").GetInt32());
        Assert.Equal("Bjørn, jr.", found.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_malformed_file_is_refused_whole_naming_its_line_and_nothing_of_it_is_stored()
    {
        var file = Encoding.UTF8.GetBytes("number;name\n91500001;Kari\n91500002;\"Ola\n91500003;Per\n");

        var errors = await ProblemAsync(await Client.PostAsync($"{Contacts}/import?group=halv", Csv(file)), HttpStatusCode.BadRequest);
        var noNumber = await ProblemAsync(await Client.PostAsync($"{Contacts}/import", Csv(Encoding.UTF8.GetBytes("navn;epost\nKari;k@x.no\n"))), HttpStatusCode.BadRequest);
        var stored = await OkAsync(await Client.GetAsync($"{Contacts}?q=915000"));
        var groups = await OkAsync(await Client.GetAsync("/api/v1/accounts/demo/groups?q=halv"));

        Assert.StartsWith("line 3:", errors["file"][0]);
        Assert.StartsWith("line 1: no number column", noNumber["file"][0]);
        Assert.Equal(0, stored.GetProperty("items").GetArrayLength());
        Assert.Equal(0, groups.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_413_whether_its_length_is_declared_or_not()
    {
        var big = Encoding.UTF8.GetBytes("number\n" + string.Concat(Enumerable.Repeat("91600001\n", ImportMaxBytes / 9 + 100)));
        var chunked = new StreamContent(new NonSeekable(big));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var declared = await ProblemAsync(await Client.PostAsync($"{Contacts}/import", Csv(big)), HttpStatusCode.RequestEntityTooLarge);
        var streamed = await ProblemAsync(await Client.PostAsync($"{Contacts}/import", chunked), HttpStatusCode.RequestEntityTooLarge);
        var multipart = await ProblemAsync(await Client.PostAsync($"{Contacts}/import", Multipart(big)), HttpStatusCode.RequestEntityTooLarge);
        var stored = await OkAsync(await Client.GetAsync($"{Contacts}?q=91600001"));

        Assert.Contains("limit", declared["file"][0]);
        Assert.Contains("limit", streamed["file"][0]);
        Assert.Contains("limit", multipart["file"][0]);
        Assert.Equal(0, stored.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Pasted_numbers_are_imported_into_a_group_with_invalid_lines_reported()
    {
        var group = await fixture.GroupAsync("limte inn");

        var report = await OkAsync(await Client.PostAsJsonAsync($"{Contacts}/import/text", new { text = "917 00 001\n+47 917 00 002\n\nhallo\n91700001", groupId = group }));
        var noText = await ProblemAsync(await Client.PostAsJsonAsync($"{Contacts}/import/text", new { text = " " }), HttpStatusCode.BadRequest);
        var noGroup = await ProblemAsync(await Client.PostAsJsonAsync($"{Contacts}/import/text", new { text = "91700003", groupId = "nosuch" }), HttpStatusCode.NotFound);

        Assert.Equal((2, 1), (report.GetProperty("added").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        Assert.Equal(4, report.GetProperty("invalid")[0].GetProperty("line").GetInt32());
        Assert.Equal(2, (await fixture.AllInGroupAsync(group)).Count);
        Assert.True(noText.ContainsKey("text"));
        Assert.True(noGroup.ContainsKey("groupId"));
    }

    [Fact]
    public async Task Groups_are_named_once_renamed_filled_emptied_and_deleted_without_their_contacts()
    {
        var groups = "/api/v1/accounts/demo/groups";
        var id = await fixture.GroupAsync("VIP");
        var taken = await ProblemAsync(await Client.PostAsJsonAsync(groups, new { name = "vip" }), HttpStatusCode.Conflict);
        var unnamed = await ProblemAsync(await Client.PostAsJsonAsync(groups, new { name = "" }), HttpStatusCode.BadRequest);
        var contact = (await OkAsync(await Client.PostAsJsonAsync(Contacts, new { number = "91800001" }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var renamed = await OkAsync(await Client.PutAsJsonAsync($"{groups}/{id}", new { name = "VIP-kunder" }));
        var filled = await OkAsync(await Client.PostAsJsonAsync($"{groups}/{id}/members", new { contactIds = new[] { contact } }));
        var unknown = await ProblemAsync(await Client.PostAsJsonAsync($"{groups}/{id}/members", new { contactIds = new[] { "nosuch" } }), HttpStatusCode.BadRequest);
        var inGroups = await OkAsync(await Client.GetAsync($"{Contacts}/{contact}"));
        var removed = await Client.DeleteAsync($"{groups}/{id}/members/{contact}");
        var emptied = await OkAsync(await Client.GetAsync($"{groups}/{id}"));
        var deleted = await Client.DeleteAsync($"{groups}/{id}");
        var contactStays = await Client.GetAsync($"{Contacts}/{contact}");

        Assert.True(taken.ContainsKey("name"));
        Assert.True(unnamed.ContainsKey("name"));
        Assert.Equal("VIP-kunder", renamed.GetProperty("name").GetString());
        Assert.Equal(1, filled.GetProperty("members").GetInt32());
        Assert.Contains("nosuch", unknown["contactIds"][0]);
        Assert.Equal([id], inGroups.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, emptied.GetProperty("members").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, contactStays.StatusCode);
    }

    [Fact]
    public async Task An_agent_and_another_account_cannot_see_the_contacts()
    {
        var agent = fixture.Host.Client(await fixture.Host.SignInAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(Contacts)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"{Contacts}/import/text", new { text = "91900001" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync("/api/v1/accounts/other/contacts")).StatusCode);
    }

    /// <summary>A stream whose length is unknown, so the client sends it chunked, without a Content-Length.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
    [Fact]
    public async Task The_short_paths_of_the_contract_act_on_the_callers_own_account()
    {
        var imported = await OkAsync(await Client.PostAsync("/api/v1/contacts/import?group=Kortsti", Csv(Encoding.UTF8.GetBytes("nummer;fornavn\n+47 922 44 777;Åse\n"))));
        var groups = await OkAsync(await Client.GetAsync("/api/v1/groups?q=Kortsti"));
        var found = await OkAsync(await Client.GetAsync("/api/v1/contacts?q=92244777"));
        var sameRow = await OkAsync(await Client.GetAsync($"{Contacts}?q=92244777"));
        var templates = await Client.GetAsync("/api/v1/templates");
        var anonymous = await fixture.Host.Client(apiKey: null).GetAsync("/api/v1/contacts");

        Assert.Equal(1, imported.GetProperty("added").GetInt32());
        Assert.Equal(imported.GetProperty("groupId").GetString(), groups.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal("Åse", found.GetProperty("items")[0].GetProperty("firstName").GetString());
        Assert.Equal(found.GetProperty("items")[0].GetProperty("id").GetString(), sameRow.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
