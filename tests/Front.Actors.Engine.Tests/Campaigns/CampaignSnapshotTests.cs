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
        var whole = await _bed.Store.SnapshotAsync("s1", CampaignTestBed.Account, definition.GroupIds, definition.Text, null, DateTimeOffset.UtcNow);
        var complete = await RowsAsync("s1");
        await using (var db = _bed.Database.Open())
            await db.GetTable<CampaignRecipientRecord>().DeleteAsync(r => r.CampaignId == "s1" && r.Seq > CampaignStore.PageSize); // as if the process died after page one

        var resumed = await _bed.Store.SnapshotAsync("s1", CampaignTestBed.Account, definition.GroupIds, definition.Text, null, DateTimeOffset.UtcNow);

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

        await _bed.Store.SnapshotAsync("f1", CampaignTestBed.Account, definition.GroupIds, definition.Text, null, DateTimeOffset.UtcNow);
        await AwaitConditionAsync(() => Task.FromResult(sender.Calls.Count == 25), Patience);
        await AwaitAssertAsync(async () => Assert.Equal(25L, (await _bed.Store.CountsAsync("f1")).Submitted), Patience);
        var endedBeforeComplete = run.Completion.IsCompleted;
        run.CompleteAudience();
        await run.Completion.WaitAsync(Patience);

        Assert.False(endedBeforeComplete); // an empty page while the snapshot runs is not the end
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), sender.Calls.Select(c => c.Seq).Order());
    }
}
