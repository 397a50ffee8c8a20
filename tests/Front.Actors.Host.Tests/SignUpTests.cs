using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Actor;
using Front.Actors.Engine.Storage;
using Front.Actors.SmscSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// The provider's "kundeklubb": whoever texts a keyword (or keyword and sub-keyword) with a sign-up rule is put in the
/// account's group, told so, and their consent is kept; STOPP takes them out and records how they left. A keyword's QR
/// code opens the SMS app with the number and the text filled in.
/// </summary>
public class SignUpTests
{
    private const string Kari = "+4791234567";
    private const string Ola = "+4791234568";
    private const string Per = "+4791234569";
    private const string OtherKey = "other-key-0123456789";
    private const string Welcome = "Velkommen i kundeklubben! Send STOPP DEMO til 2401 for å melde deg av.";

    /// <summary>A host on SQLite with a second account, "other", whose key is <see cref="OtherKey"/>.</summary>
    private static async Task<EngineHost> WithOtherAccountAsync()
    {
        var host = await EngineHost.StartAsync(TestDatabase.Sqlite());
        await host.Services.GetRequiredService<AccountStore>().EnsureAsync(
            new AccountRecord { Id = "other", Organization = "Other AS", Name = "Other", MaxSegments = 10 }, OtherKey);
        return host;
    }

    private static async Task<string> GroupAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/groups", new { name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> MembersAsync(HttpClient client, string groupId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/groups/{groupId}/members?limit=500")).GetProperty("items").EnumerateArray().ToList();

    private static async Task<List<JsonElement>> SignUpsAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/demo/sign-ups?limit=1000{query}")).GetProperty("items").EnumerateArray().ToList();

    private static Task<HttpResponseMessage> TextAsync(EngineHost host, string from, string text) =>
        host.Client().PostAsJsonAsync("/api/v1/simulator/inbound", new { from, to = "2401", text });

    /// <summary>The first text to <paramref name="contact"/> containing <paramref name="words"/>, once it is at the SMSC.</summary>
    private static Task<string> TextAtSmscAsync(EngineHost host, string contact, string words) =>
        Poll.UntilAsync(() => Task.FromResult(SmscTraffic.Submits(host).Where(s => s.To == contact[1..] && s.Text.Contains(words)).Select(s => s.Text).FirstOrDefault()),
            $"'{words}' to {contact} at the SMSC");

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Theory]
    [InlineData("Sqlite")]
    [PostgresData]
    public async Task A_sign_up_by_sms_joins_its_group_with_its_consent_is_confirmed_at_the_smsc_and_a_later_stopp_takes_it_out(string provider)
    {
        await using var host = await EngineHost.StartAsync(TestDatabase.For(provider));
        SmscTraffic.Record(host);
        var client = host.Client();
        var club = await GroupAsync(client, "Kundeklubb");
        var news = await GroupAsync(client, "Nyhetsbrev");
        // Ola is a contact already (imported, with a name): the sign-up finds him, it does not make a second contact.
        var ola = (await (await client.PostAsJsonAsync("/api/v1/contacts", new { number = "912 34 568", firstName = "Ola" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetString();
        (await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo", subKeyword = "bli", rules = new[] { new { kind = "SignUp", target = club, reply = Welcome } },
        })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "demo", rules = new[] { new { kind = "SignUp", target = news } } }))
            .EnsureSuccessStatusCode();

        (await TextAsync(host, Kari, "Demo bli med!")).EnsureSuccessStatusCode();
        (await TextAsync(host, Ola, "DEMO BLI MED")).EnsureSuccessStatusCode();
        (await TextAsync(host, Per, "demo")).EnsureSuccessStatusCode();
        // The confirmation is sent once the sign-up is stored: once it is at the SMSC, the membership and consent are there.
        var toKari = await TextAtSmscAsync(host, Kari, "Velkommen");
        await TextAtSmscAsync(host, Ola, "Velkommen");
        var toPer = await TextAtSmscAsync(host, Per, "Du er nå med i");
        var clubBefore = await MembersAsync(client, club);
        var newsBefore = await MembersAsync(client, news);
        var kariJoined = (await SignUpsAsync(client, "&number=91234567")).Single();

        (await TextAsync(host, Kari, "STOPP DEMO")).EnsureSuccessStatusCode();
        await TextAtSmscAsync(host, Kari, "meldt av"); // sent after the leave is stored
        var clubAfter = await MembersAsync(client, club);
        var kariLeft = (await SignUpsAsync(client, $"&number={Uri.EscapeDataString(Kari)}")).Single();
        var perStill = (await SignUpsAsync(client, $"&groupId={news}")).Single();

        Assert.Equal(Welcome, toKari);
        Assert.Equal("Takk! Du er nå med i Nyhetsbrev. Send STOPP DEMO til 2401 for å melde deg av.", toPer);
        Assert.Equal([Kari, Ola], clubBefore.Select(m => m.GetProperty("number").GetString()).Order());
        Assert.Equal(ola, clubBefore.Single(m => m.GetProperty("number").GetString() == Ola).GetProperty("id").GetString());
        Assert.Equal("Ola", clubBefore.Single(m => m.GetProperty("number").GetString() == Ola).GetProperty("firstName").GetString());
        Assert.Equal([Per], newsBefore.Select(m => m.GetProperty("number").GetString()));
        // The consent: when (the message's arrival), where, with which words, and which inbound message.
        Assert.Equal((club, "2401", "DEMO", "BLI", "Demo bli med!"), (kariJoined.GetProperty("groupId").GetString(), kariJoined.GetProperty("ourNumber").GetString(),
            kariJoined.GetProperty("keyword").GetString(), kariJoined.GetProperty("subKeyword").GetString(), kariJoined.GetProperty("text").GetString()));
        Assert.StartsWith("in_", kariJoined.GetProperty("messageId").GetString());
        Assert.InRange(kariJoined.GetProperty("joinedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Null, kariJoined.GetProperty("left").ValueKind);
        // STOPP DEMO: Kari is out of the club, with how she left; Ola and Per stay.
        Assert.Equal([Ola], clubAfter.Select(m => m.GetProperty("number").GetString()));
        var left = kariLeft.GetProperty("left");
        Assert.Equal(("2401", "STOPP DEMO"), (left.GetProperty("ourNumber").GetString(), left.GetProperty("text").GetString()));
        Assert.NotEqual(kariJoined.GetProperty("messageId").GetString(), left.GetProperty("messageId").GetString());
        Assert.True(left.GetProperty("at").GetDateTimeOffset() >= kariJoined.GetProperty("joinedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, perStill.GetProperty("left").ValueKind);
    }

    [Fact]
    public async Task Sign_up_rules_with_an_unknown_group_no_keyword_or_a_bad_reply_are_refused_by_field()
    {
        await using var host = await WithOtherAccountAsync();
        var client = host.Client();
        var group = await GroupAsync(client, "Kundeklubb");
        var othersGroup = await GroupAsync(host.Client(OtherKey), "Deres klubb");

        var unknown = await ErrorsAsync(await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo", rules = new object[] { new { kind = "SignUp", target = "nosuch" }, new { kind = "SignUp", target = othersGroup } },
        }), HttpStatusCode.BadRequest);
        var noKeyword = await ErrorsAsync(await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "+4790000001", rules = new[] { new { kind = "SignUp", target = group } },
        }), HttpStatusCode.BadRequest);
        var emptyKeyword = await ErrorsAsync(await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "", rules = new[] { new { kind = "SignUp", target = group } },
        }), HttpStatusCode.BadRequest);
        var badReplies = await ErrorsAsync(await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo",
            rules = new object[] { new { kind = "SignUp", target = group, reply = new string('x', 460) }, new { kind = "SignUp", target = group, reply = " " }, new { kind = "SignUp", target = "" } },
        }), HttpStatusCode.BadRequest);
        var saved = await client.PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "demo", subKeyword = "bli", rules = new[] { new { kind = "signup", target = group } } });

        Assert.Equal(["rules[0].target", "rules[1].target"], unknown.Keys.Order());
        Assert.Contains("nosuch", unknown["rules[0].target"][0]);
        Assert.Equal(["keyword"], noKeyword.Keys);
        Assert.Equal(["keyword"], emptyKeyword.Keys);
        Assert.Equal(["rules[0].reply", "rules[1].reply", "rules[2].target"], badReplies.Keys.Order());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var rule = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules")[0];
        Assert.Equal(("SignUp", group), (rule.GetProperty("kind").GetString(), rule.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task The_sign_up_rules_of_an_account_list_each_keyword_and_sub_keyword_with_its_group_and_not_another_accounts()
    {
        await using var host = await WithOtherAccountAsync();
        var client = host.Client();
        var club = await GroupAsync(client, "Kundeklubb");
        var news = await GroupAsync(client, "Nyhetsbrev");
        var theirs = await GroupAsync(host.Client(OtherKey), "Deres klubb");
        (await host.Client(OtherKey).PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "blåbær" })).EnsureSuccessStatusCode();
        (await host.Client(OtherKey).PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "blåbær", rules = new[] { new { kind = "SignUp", target = theirs } } }))
            .EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo", subKeyword = "bli", rules = new[] { new { kind = "SignUp", target = club, reply = Welcome } },
        })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/rules", new
        {
            number = "2401", keyword = "demo", rules = new object[] { new { kind = "AutoReply", target = "Hei!" }, new { kind = "SignUp", target = news } },
        })).EnsureSuccessStatusCode();

        var items = (await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/demo/sign-up-rules")).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("shortNumber").GetString(), i.GetProperty("text").GetString(), i.GetProperty("groupId").GetString(), i.GetProperty("groupName").GetString(),
                i.GetProperty("reply").GetString())).ToList();
        var others = await host.Client(OtherKey).GetAsync("/api/v1/accounts/demo/sign-up-rules");

        Assert.Equal([("2401", "DEMO", news, "Nyhetsbrev", null), ("2401", "DEMO BLI", club, "Kundeklubb", Welcome)], items);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
    }

    [Fact]
    public async Task A_marketer_adds_changes_and_removes_a_sign_up_on_a_keyword_and_its_other_rules_stay()
    {
        await using var host = await WithOtherAccountAsync();
        SmscTraffic.Record(host);
        var client = host.Client();
        var club = await GroupAsync(client, "Kundeklubb");
        (await client.PutAsJsonAsync("/api/v1/rules", new { number = "2401", keyword = "demo", rules = new[] { new { kind = "AutoReply", target = "Takk for meldingen!" } } }))
            .EnsureSuccessStatusCode();
        var path = "/api/v1/accounts/demo/sign-up-rules";

        var added = await client.PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "demo", groupId = club });
        var changed = await client.PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "Demo", groupId = club, reply = Welcome });
        var onSub = await client.PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "demo", subKeyword = "bli", groupId = club });
        var listed = (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("text").GetString(), i.GetProperty("reply").GetString())).ToList();
        var keywords = (await client.GetFromJsonAsync<JsonElement>(path)).GetProperty("keywords").EnumerateArray()
            .Select(k => (k.GetProperty("shortNumber").GetString(), k.GetProperty("keyword").GetString())).ToList();
        await TextAsync(host, Kari, "demo");
        var joined = await TextAtSmscAsync(host, Kari, "Velkommen");
        var autoReply = await TextAtSmscAsync(host, Kari, "Takk for meldingen");
        var removed = await client.DeleteAsync($"{path}?shortNumber=2401&keyword=demo&groupId={club}");
        var again = await client.DeleteAsync($"{path}?shortNumber=2401&keyword=demo&groupId={club}");
        var state = await host.Services.GetRequiredService<Engine.ShortNumbers.NumberService>().GetAsync("2401");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, onSub.StatusCode);
        Assert.Equal([("DEMO", Welcome), ("DEMO BLI", null)], listed);
        Assert.Equal([("2401", "DEMO")], keywords);
        Assert.Equal(Welcome, joined);
        Assert.Equal("Takk for meldingen!", autoReply);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var left = Assert.Single(state.Keywords["DEMO"].Rules); // the auto-reply stays, the sign-up went
        Assert.Equal((Engine.ShortNumbers.InboundRuleKind.AutoReply, "Takk for meldingen!"), (left.Kind, left.Target));
        Assert.Single(state.Keywords["DEMO"].SubKeywords["BLI"]);
    }

    [Fact]
    public async Task A_sign_up_on_a_keyword_or_group_not_the_accounts_or_with_bad_fields_is_refused_by_field()
    {
        await using var host = await WithOtherAccountAsync();
        var client = host.Client();
        var club = await GroupAsync(client, "Kundeklubb");
        var theirs = await GroupAsync(host.Client(OtherKey), "Deres klubb");
        (await host.Client(OtherKey).PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "blåbær" })).EnsureSuccessStatusCode();
        var path = "/api/v1/accounts/demo/sign-up-rules";

        var bad = await ErrorsAsync(await client.PostAsJsonAsync(path, new { shortNumber = "abc", keyword = "to ord", reply = " " }), HttpStatusCode.BadRequest);
        var theirGroup = await ErrorsAsync(await client.PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "demo", groupId = theirs }), HttpStatusCode.BadRequest);
        var theirKeyword = await ErrorsAsync(await client.PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "blåbær", groupId = club }), HttpStatusCode.Forbidden);
        var theirAccount = await host.Client(OtherKey).PostAsJsonAsync(path, new { shortNumber = "2401", keyword = "blåbær", groupId = theirs });
        var removeMissing = await ErrorsAsync(await client.DeleteAsync($"{path}?shortNumber=2401&keyword=demo"), HttpStatusCode.BadRequest);

        Assert.Equal(["groupId", "keyword", "reply", "shortNumber"], bad.Keys.Order());
        Assert.Contains(theirs, theirGroup["groupId"][0]);
        Assert.Equal(["keyword"], theirKeyword.Keys);
        Assert.Equal(HttpStatusCode.Forbidden, theirAccount.StatusCode);
        Assert.Equal(["groupId"], removeMissing.Keys);
    }

    [Fact]
    public async Task A_keywords_qr_code_in_png_and_svg_decodes_to_smsto_with_the_number_and_the_text()
    {
        await using var host = await WithOtherAccountAsync();
        (await host.Client(OtherKey).PostAsJsonAsync("/api/v1/keywords", new { shortNumber = "2401", keyword = "blåbær" })).EnsureSuccessStatusCode();
        var client = host.Client();

        var png = await client.GetAsync("/api/v1/keywords/2401/demo/qr.png?text=DEMO%20BLI%20MED");
        var svg = await client.GetAsync("/api/v1/keywords/2401/DEMO/qr.svg?text=bli%20med");
        var plain = await client.GetByteArrayAsync("/api/v1/keywords/2401/DEMO/qr.png");
        var theirs = await host.Client(OtherKey).GetByteArrayAsync("/api/v1/keywords/2401/bl%C3%A5b%C3%A6r/qr.png");
        var byModerator = await host.Client(EngineHost.ModeratorKey).GetAsync("/api/v1/keywords/2401/DEMO/qr.svg");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SMSTO:2401:DEMO BLI MED", QrImages.DecodePng(await png.Content.ReadAsByteArrayAsync()));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SMSTO:2401:DEMO bli med", QrImages.DecodeSvg(await svg.Content.ReadAsStringAsync()));
        Assert.Equal("SMSTO:2401:DEMO", QrImages.DecodePng(plain));
        Assert.Equal("SMSTO:2401:BLÅBÆR", QrImages.DecodePng(theirs));
        Assert.Equal("SMSTO:2401:DEMO", QrImages.DecodeSvg(await byModerator.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_qr_code_is_only_for_the_keywords_account_and_an_unknown_keyword_or_bad_text_gets_a_problem()
    {
        await using var host = await WithOtherAccountAsync();

        var another = await ErrorsAsync(await host.Client(OtherKey).GetAsync("/api/v1/keywords/2401/DEMO/qr.png"), HttpStatusCode.Forbidden);
        var unknown = await ErrorsAsync(await host.Client().GetAsync("/api/v1/keywords/2401/NOSUCH/qr.svg"), HttpStatusCode.NotFound);
        var notOurs = await ErrorsAsync(await host.Client(EngineHost.ModeratorKey).GetAsync("/api/v1/keywords/2999/DEMO/qr.png"), HttpStatusCode.NotFound);
        var badText = await ErrorsAsync(await host.Client().GetAsync("/api/v1/keywords/2401/DEMO/qr.png?text=DEMO%0ABLI"), HttpStatusCode.BadRequest);
        var badKeyword = await ErrorsAsync(await host.Client().GetAsync("/api/v1/keywords/2401/to%20ord/qr.png"), HttpStatusCode.BadRequest);

        Assert.Equal(["keyword"], another.Keys);
        Assert.Equal(["keyword"], unknown.Keys);
        Assert.Equal(["keyword"], notOurs.Keys);
        Assert.Equal(["text"], badText.Keys);
        Assert.Equal(["keyword"], badKeyword.Keys);
    }

    [Fact]
    public async Task Sign_ups_in_flight_at_a_kill_9_all_join_their_group_once_after_the_restart()
    {
        const int count = 100;
        var database = TempFiles.NewPath("front-actors-signups-kill", ".db");
        using var smscSystem = ActorSystem.Create("signups-smsc");
        var smsc = await SmscSimulator.SmscSimulator.StartAsync(smscSystem, new SmscSimulatorOptions { ReceiptDelay = TimeSpan.FromMilliseconds(5) });
        var bind = HostProcess.OneBindTo(smsc.Port);
        var contacts = Enumerable.Range(0, count).Select(i => $"+47913{i:D5}").ToList();
        string club;
        int confirmedAtKill;
        using (var first = await HostProcess.StartAsync(database, bind))
        {
            club = await GroupAsync(first.Client, "Kundeklubb");
            (await first.Client.PutAsJsonAsync("/api/v1/rules", new
            {
                number = "2401", keyword = "demo", subKeyword = "bli", rules = new[] { new { kind = "SignUp", target = club, reply = Welcome } },
            })).EnsureSuccessStatusCode();
            await smsc.WhenSessionsBound(1).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var contact in contacts)
                await smsc.InjectMobileOriginatedAsync(contact, "2401", "DEMO BLI MED");
            // Killed mid-stream: some sign-ups confirmed, some stored with their work to do, some not yet read.
            await Poll.UntilValueAsync(() => Task.FromResult(smsc.AcceptedSubmits.Count >= count / 10 ? true : (bool?)null), "a tenth of the confirmations");
            first.KillHard();
            confirmedAtKill = smsc.AcceptedSubmits.Select(s => s.Pdu.DestinationAddr).Distinct().Count();
        }
        Assert.True(confirmedAtKill < count, "the kill came after every sign-up was confirmed");

        using var second = await HostProcess.StartAsync(database, bind);
        var members = await Poll.UntilAsync(async () =>
        {
            var page = await MembersAsync(second.Client, club);
            return page.Count == count ? page : null;
        }, "every contact in the group", TimeSpan.FromSeconds(90));
        var confirmations = await Poll.UntilAsync(() =>
        {
            var to = smsc.AcceptedSubmits.GroupBy(s => s.Pdu.DestinationAddr).ToList();
            return Task.FromResult(to.Count == count ? to : null);
        }, "a confirmation to every contact", TimeSpan.FromSeconds(90));
        var signUps = await SignUpsAsync(second.Client);
        await smsc.StopAsync();

        Assert.Equal(contacts, members.Select(m => m.GetProperty("number").GetString()).Order());
        // One consent per message, each with its inbound message; no message signed up twice.
        Assert.Equal(contacts, signUps.Select(s => s.GetProperty("number").GetString()).Order());
        Assert.Equal(count, signUps.Select(s => s.GetProperty("messageId").GetString()).Distinct().Count());
        // SMPP is at least once: a confirmation the operator took just before the kill, not yet stored, goes again. No more.
        Assert.All(confirmations, c => Assert.InRange(c.Count(), 1, 2));
    }
}
