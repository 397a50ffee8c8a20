using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.Storage;

/// <summary>Sign-ups in the read model (real SQLite file): stored once per rule's work, and a STOPP closes only what came before it.</summary>
public class SignUpStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly Database _database;
    private readonly SignUpStore _store;
    private readonly ContactGroupStore _groups;

    public SignUpStoreTests()
    {
        _database = new Database(new StorageOptions { ConnectionString = $"Data Source={TempFiles.NewPath("fa-signups", ".db")}" });
        _database.EnsureCreated();
        _store = new SignUpStore(_database);
        _groups = new ContactGroupStore(_database);
    }

    private static SignUpJoin Join(string workId, string groupId, DateTimeOffset at, string number = "+4791234567") =>
        new(workId, "acme", groupId, number, "2401", "DEMO", "BLI", "DEMO BLI MED", workId.Split(':')[0], at);

    private async Task<List<string>> MembersAsync(string groupId)
    {
        await using var db = _database.Open();
        return await db.GetTable<ContactGroupMemberRecord>().Where(m => m.GroupId == groupId).Select(m => m.ContactId).ToListAsync();
    }

    [Fact]
    public async Task A_sign_up_carried_out_again_finds_itself_stored_and_makes_no_second_contact_or_consent()
    {
        var club = (await _groups.EnsureAsync("acme", "Kundeklubb")).Id;

        var first = await _store.JoinAsync(Join("in_1:0", club, T0));
        var again = await _store.JoinAsync(Join("in_1:0", club, T0));
        var gone = await _store.JoinAsync(Join("in_2:0", "no-such-group", T0));

        Assert.Equal(new SignUpJoined("Kundeklubb", true), first);
        Assert.Equal(new SignUpJoined("Kundeklubb", false), again);
        Assert.Null(gone);
        Assert.Single(await MembersAsync(club));
        Assert.Single(await _store.PageAsync("acme", club, null, null, 10));
    }

    [Fact]
    public async Task A_stopp_closes_the_sign_ups_made_before_it_and_one_done_again_later_leaves_a_newer_sign_up_alone()
    {
        var club = (await _groups.EnsureAsync("acme", "Kundeklubb")).Id;
        var news = (await _groups.EnsureAsync("acme", "Nyhetsbrev")).Id;
        await _store.JoinAsync(Join("in_1:0", club, T0));
        await _store.JoinAsync(Join("in_2:0", news, T0.AddMinutes(1)));
        await _store.JoinAsync(Join("in_3:0", club, T0, number: "+4791234568"));

        var closed = await _store.LeaveAsync("acme", "+4791234567", "2401", "STOPP DEMO", "in_4", T0.AddMinutes(2));
        await _store.JoinAsync(Join("in_5:0", club, T0.AddMinutes(3)));
        // The STOPP's work done again after a crash: the sign-up that came after it stays.
        var repeated = await _store.LeaveAsync("acme", "+4791234567", "2401", "STOPP DEMO", "in_4", T0.AddMinutes(2));
        var rows = await _store.PageAsync("acme", null, "+4791234567", null, 10);

        Assert.Equal((2, 0), (closed, repeated));
        Assert.Equal(2, (await MembersAsync(club)).Count); // the other contact, and the new sign-up
        Assert.Empty(await MembersAsync(news));
        Assert.Equal(["in_1:0", "in_2:0", "in_5:0"], rows.Select(r => r.Id));
        Assert.All(rows.Take(2), r => Assert.Equal(("STOPP DEMO", "in_4", T0.AddMinutes(2)), (r.LeftText, r.LeftMessageId, r.LeftAt!.Value)));
        Assert.Null(rows[2].LeftAt);
    }
}
