using Akka.Streams;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Tests.Campaigns;

/// <summary>
/// The audience snapshot is written a page per transaction, so other writers never wait for a whole audience: it must
/// resume after a crash without taking a contact twice, and the fan-out must follow it while it is written.
/// </summary>
public class CampaignSnapshotTests : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CampaignTestBed _bed;

    public CampaignSnapshotTests() : this(new CampaignTestBed())
    {
    }

    private CampaignSnapshotTests(CampaignTestBed bed) : base(bed.Config) => _bed = bed;

    private async Task<List<(long Seq, string? ContactId, string Number)>> RowsAsync(string campaignId)
    {
        await using var db = _bed.Database.Open();
        return (await db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId).OrderBy(r => r.Seq)
            .Select(r => new { r.Seq, r.ContactId, r.Number }).ToListAsync()).Select(r => (r.Seq, r.ContactId, r.Number)).ToList();
    }

    [Fact]
    public async Task A_snapshot_cut_short_after_its_first_page_resumes_after_that_page_and_takes_no_contact_twice()
    {
        var group = await _bed.GroupAsync("Kunder", CampaignStore.PageSize * 2 + 100);
        var definition = CampaignTestBed.Definition(group);
        var whole = await _bed.Store.SnapshotAsync("s1", definition, DateTimeOffset.UtcNow);
        var complete = await RowsAsync("s1");
        await using (var db = _bed.Database.Open())
            await db.GetTable<CampaignRecipientRecord>().DeleteAsync(r => r.CampaignId == "s1" && r.Seq > CampaignStore.PageSize); // as if the process died after page one

        var resumed = await _bed.Store.SnapshotAsync("s1", definition, DateTimeOffset.UtcNow);

        Assert.Equal(2_100, whole.Total);
        Assert.Equal(2_100, resumed.Total);
        Assert.Equal(complete, await RowsAsync("s1"));
        Assert.Equal(2_100, complete.Select(r => r.ContactId).Distinct().Count());
    }

    [Fact]
    public async Task The_fan_out_sends_recipients_as_the_snapshot_writes_them_and_ends_only_once_the_audience_is_complete()
    {
        var group = await _bed.GroupAsync("Kunder", 25);
        var definition = CampaignTestBed.Definition(group, rate: 1_000);
        var sender = new RecordingSender();
        var run = CampaignFanOut.Run(Sys.Materializer(), "f1", definition, _bed.Store, sender, audienceComplete: false);

        await _bed.Store.SnapshotAsync("f1", definition, DateTimeOffset.UtcNow);
        await AwaitConditionAsync(() => Task.FromResult(sender.Calls.Count == 25), Patience);
        await AwaitAssertAsync(async () => Assert.Equal(25L, (await _bed.Store.CountsAsync("f1")).Submitted), Patience);
        var endedBeforeComplete = run.Completion.IsCompleted;
        run.CompleteAudience();
        await run.Completion.WaitAsync(Patience);

        Assert.False(endedBeforeComplete); // an empty page while the snapshot runs is not the end
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), sender.Calls.Select(c => c.Seq).Order());
    }

    private async Task<List<(long Seq, string? ContactId, string Number, string State, string? Reason, string? Text)>> RecipientsAsync(string campaignId)
    {
        await using var db = _bed.Database.Open();
        return (await db.GetTable<CampaignRecipientRecord>().Where(r => r.CampaignId == campaignId).OrderBy(r => r.Seq).ToListAsync())
            .Select(r => (r.Seq, r.ContactId, r.Number, r.State, r.SkipReason, r.Text)).ToList();
    }

    [Fact]
    public async Task A_list_after_the_groups_is_resolved_with_duplicates_invalid_numbers_and_opt_outs_counted_and_defaults_in_its_merge_fields()
    {
        var group = await _bed.GroupAsync("Kunder", 3); // +4791000000 … +4791000002
        await _bed.OptOutAsync("+4741000001");
        string[] list = ["91000001", "+4741000000", "41 00 00 01", "12", "0047 41000000", "41000002"];
        var definition = CampaignTestBed.Definition(group, text: "Hei {firstName|kunde}!") with { ListSize = list.Length, Footer = "Reservér deg: send STOPP DEMO til 2401" };
        await _bed.Store.SaveListAsync(CampaignTestBed.Account, "l1", list, DateTimeOffset.UtcNow);

        var counts = await _bed.Store.SnapshotAsync("l1", definition, DateTimeOffset.UtcNow);
        var rows = await RecipientsAsync("l1");

        Assert.Equal(9, counts.Total);
        Assert.Equal(new Dictionary<string, long> { ["duplicate"] = 2, ["opted-out"] = 1, ["invalid-number"] = 1 }, counts.Skipped);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.All(rows.Take(3), r => Assert.NotNull(r.ContactId));
        Assert.All(rows.Skip(3), r => Assert.Null(r.ContactId));
        // The groups' contacts in contact id order, then the list in its order.
        Assert.Equal(["+4791000000", "+4791000001", "+4791000002"], rows.Take(3).Select(r => r.Number).Order());
        Assert.All(rows.Take(3), r => Assert.Equal("pending", r.State));
        Assert.Equal(["+4791000001", "+4741000000", "+4741000001", "12", "+4741000000", "+4741000002"], rows.Skip(3).Select(r => r.Number));
        Assert.Equal(["duplicate", "pending", "opted-out", "invalid-number", "duplicate", "pending"], rows.Skip(3).Select(r => r.State == "skipped" ? r.Reason : r.State));
        Assert.Equal("Hei Kari1!\nReservér deg: send STOPP DEMO til 2401", rows.Single(r => r.Number == "+4791000001" && r.ContactId != null).Text);
        Assert.Equal("Hei kunde!\nReservér deg: send STOPP DEMO til 2401", rows[4].Text); // a list's number: the merge field's default
    }

    [Fact]
    public async Task A_snapshot_cut_short_inside_the_list_resumes_at_its_list_position_and_takes_no_number_twice()
    {
        var group = await _bed.GroupAsync("Kunder", CampaignStore.PageSize + 10);
        var list = Enumerable.Range(0, CampaignStore.PageSize * 2 + 50).Select(i => $"+4741{i:D6}").ToList();
        var definition = CampaignTestBed.Definition(group) with { ListSize = list.Count };
        await _bed.Store.SaveListAsync(CampaignTestBed.Account, "l2", list, DateTimeOffset.UtcNow);
        var whole = await _bed.Store.SnapshotAsync("l2", definition, DateTimeOffset.UtcNow);
        var complete = await RecipientsAsync("l2");

        // As if the process died after the groups and the first page of the list; then again in the middle of the groups.
        var afterFirstListPage = CampaignStore.PageSize + 10 + CampaignStore.PageSize;
        await using (var db = _bed.Database.Open())
            await db.GetTable<CampaignRecipientRecord>().DeleteAsync(r => r.CampaignId == "l2" && r.Seq > afterFirstListPage);
        var resumedInList = await _bed.Store.SnapshotAsync("l2", definition, DateTimeOffset.UtcNow);
        var afterList = await RecipientsAsync("l2");
        await using (var db = _bed.Database.Open())
            await db.GetTable<CampaignRecipientRecord>().DeleteAsync(r => r.CampaignId == "l2" && r.Seq > CampaignStore.PageSize);
        var resumedInGroups = await _bed.Store.SnapshotAsync("l2", definition, DateTimeOffset.UtcNow);

        Assert.Equal(3_060, whole.Total);
        Assert.Empty(whole.Skipped);
        Assert.Equal(3_060, resumedInList.Total);
        Assert.Equal(3_060, resumedInGroups.Total);
        Assert.Equal(complete, afterList);
        Assert.Equal(complete, await RecipientsAsync("l2"));
        Assert.Equal(3_060, complete.Select(r => r.Number).Distinct().Count());
    }

    [Fact]
    public async Task A_list_is_stored_with_its_account_and_time_and_a_failed_creates_list_goes_without_touching_another_campaigns()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
        await _bed.Store.SaveListAsync(CampaignTestBed.Account, "kept", ["+4741000001", "+4741000002"], at);
        await _bed.Store.SaveListAsync(CampaignTestBed.Account, "failed", ["+4741000003"], at);

        await _bed.Store.DeleteListAsync("failed");

        await using var db = _bed.Database.Open();
        var rows = await db.GetTable<CampaignListNumberRecord>().OrderBy(n => n.CampaignId).ThenBy(n => n.Position).ToListAsync();
        Assert.Equal([("kept", 1, "+4741000001"), ("kept", 2, "+4741000002")], rows.Select(r => (r.CampaignId, r.Position, r.Number)));
        Assert.All(rows, r => Assert.Equal((CampaignTestBed.Account, at), (r.AccountId, r.CreatedAt)));
    }
}
