using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Campaigns;

/// <summary>Every state of the campaign entity, on the real SQL journal and a real recipients table.</summary>
public class CampaignActorTests : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CampaignTestBed _bed;

    public CampaignActorTests() : this(new CampaignTestBed())
    {
    }

    private CampaignActorTests(CampaignTestBed bed) : base(bed.Config) => _bed = bed;

    private IActorRef Campaign(string id, ICampaignSender sender, ActorSystem? system = null) =>
        (system ?? Sys).ActorOf(Props.Create(() => new CampaignActor(id, new CampaignWork(_bed.Store, sender, new NoCampaignProgress()))));

    private async Task<CampaignState> Ask(IActorRef campaign, CampaignCommands.IWithCampaignId command)
    {
        var answer = await campaign.Ask<object>(command, Patience);
        return Assert.IsType<CampaignReplies.Info>(answer).State;
    }

    private async Task<CampaignState> StatusBecomes(IActorRef campaign, string id, CampaignStatus status)
    {
        CampaignState state = null!;
        await AwaitAssertAsync(async () =>
        {
            state = await Ask(campaign, new CampaignCommands.Get(id));
            Assert.Equal(status, state.Status);
        }, Patience, TimeSpan.FromMilliseconds(50));
        return state;
    }

    private async Task<List<CampaignReportRow>> ReportAsync(string id)
    {
        var rows = new List<CampaignReportRow>();
        await foreach (var row in _bed.Store.ReportAsync(id))
            rows.Add(row);
        return rows;
    }

    private static string OtherDayThanToday()
    {
        var today = OsloTime.ToLocal(DateTimeOffset.UtcNow).DayOfWeek;
        return ((DayOfWeek)(((int)today + 3) % 7)).ToString()[..3].ToLowerInvariant();
    }

    [Fact]
    public async Task A_draft_started_takes_its_snapshot_sends_each_recipient_once_and_finishes()
    {
        var group = await _bed.GroupAsync("Kunder", 25);
        var sender = new RecordingSender();
        var campaign = Campaign("c1", sender);

        var draft = await Ask(campaign, new CampaignCommands.Create("c1", CampaignTestBed.Definition(group), "marketer"));
        Assert.Equal(CampaignStatus.Draft, draft.Status);
        await Ask(campaign, new CampaignCommands.Start("c1", "marketer", null, false));
        var finished = await StatusBecomes(campaign, "c1", CampaignStatus.Finished);

        Assert.Equal(25, finished.Total);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), sender.Calls.Select(c => c.Seq).Order());
        Assert.Equal("Hei Kari0!", sender.Calls.Single(c => c.Number == "+4791000000").Text); // merge fields rendered per contact at the snapshot
        var counts = await _bed.Store.CountsAsync("c1");
        Assert.Equal((25L, 25L, 0L), (counts.Total, counts.Submitted, counts.Pending));
    }

    [Fact]
    public async Task A_held_campaign_waits_for_a_moderator_whose_approval_starts_it()
    {
        var group = await _bed.GroupAsync("Kunder", 3);
        var sender = new RecordingSender();
        var campaign = Campaign("c2", sender);
        await Ask(campaign, new CampaignCommands.Create("c2", CampaignTestBed.Definition(group), "marketer"));

        var held = await Ask(campaign, new CampaignCommands.Start("c2", "marketer", new CampaignHold("unapproved-link", "link to evil.ca"), false));
        Assert.Equal(CampaignStatus.Held, held.Status);
        Assert.Equal("unapproved-link", held.HoldRule);
        Assert.Empty(sender.Calls);

        await Ask(campaign, new CampaignCommands.DecideHold("c2", true, "mod", "known customer"));
        await StatusBecomes(campaign, "c2", CampaignStatus.Finished);
        Assert.Equal(3, sender.Calls.Count);

        var again = await campaign.Ask<object>(new CampaignCommands.DecideHold("c2", true, "mod", "twice"), Patience);
        Assert.Equal(RefusalKind.Conflict, Assert.IsType<CampaignReplies.Refused>(again).Kind);
    }

    [Fact]
    public async Task A_rejected_hold_cancels_the_campaign_and_nothing_is_sent()
    {
        var group = await _bed.GroupAsync("Kunder", 3);
        var sender = new RecordingSender();
        var campaign = Campaign("c3", sender);
        await Ask(campaign, new CampaignCommands.Create("c3", CampaignTestBed.Definition(group), "marketer"));
        await Ask(campaign, new CampaignCommands.Start("c3", "marketer", new CampaignHold("bulk-send", "3 recipients"), false));

        var rejected = await Ask(campaign, new CampaignCommands.DecideHold("c3", false, "mod", "spam"));

        Assert.Equal(CampaignStatus.Cancelled, rejected.Status);
        var start = await campaign.Ask<object>(new CampaignCommands.Start("c3", "marketer", null, false), Patience);
        Assert.Equal("status", Assert.IsType<CampaignReplies.Refused>(start).Field);
        Assert.Empty(sender.Calls);
    }

    [Fact]
    public async Task A_marketers_campaign_awaits_an_admins_approval_when_the_account_requires_it()
    {
        var group = await _bed.GroupAsync("Kunder", 2);
        var sender = new RecordingSender();
        var campaign = Campaign("c4", sender);
        await Ask(campaign, new CampaignCommands.Create("c4", CampaignTestBed.Definition(group), "marketer"));

        var waiting = await Ask(campaign, new CampaignCommands.Start("c4", "marketer", null, NeedsApproval: true));
        Assert.Equal(CampaignStatus.AwaitingApproval, waiting.Status);
        Assert.Empty(sender.Calls);

        await Ask(campaign, new CampaignCommands.Approve("c4", "admin"));
        await StatusBecomes(campaign, "c4", CampaignStatus.Finished);
        Assert.Equal(2, sender.Calls.Count);
    }

    [Fact]
    public async Task A_scheduled_campaign_can_be_paused_resumed_and_cancelled_and_a_cancelled_one_not_started()
    {
        var group = await _bed.GroupAsync("Kunder", 2);
        var sender = new RecordingSender();
        var campaign = Campaign("c5", sender);
        await Ask(campaign, new CampaignCommands.Create("c5", CampaignTestBed.Definition(group, startAt: DateTimeOffset.UtcNow.AddHours(2)), "marketer"));

        Assert.Equal(CampaignStatus.Scheduled, (await Ask(campaign, new CampaignCommands.Start("c5", "marketer", null, false))).Status);
        Assert.Equal(CampaignStatus.Paused, (await Ask(campaign, new CampaignCommands.Pause("c5", "marketer"))).Status);
        Assert.Equal(CampaignStatus.Scheduled, (await Ask(campaign, new CampaignCommands.Resume("c5", "marketer"))).Status);
        Assert.Equal(CampaignStatus.Cancelled, (await Ask(campaign, new CampaignCommands.Cancel("c5", "marketer"))).Status);

        var start = await campaign.Ask<object>(new CampaignCommands.Start("c5", "marketer", null, false), Patience);
        Assert.Equal(RefusalKind.Conflict, Assert.IsType<CampaignReplies.Refused>(start).Kind);
        Assert.Empty(sender.Calls);
    }

    [Fact]
    public async Task Outside_its_window_a_started_campaign_waits_for_the_next_opening()
    {
        var group = await _bed.GroupAsync("Kunder", 2);
        var sender = new RecordingSender();
        var campaign = Campaign("c6", sender);
        var window = new WindowSpec("09:00", "20:00", [OtherDayThanToday()]);
        await Ask(campaign, new CampaignCommands.Create("c6", CampaignTestBed.Definition(group, window: window), "marketer"));

        await Ask(campaign, new CampaignCommands.Start("c6", "marketer", null, false));
        var waiting = await StatusBecomes(campaign, "c6", CampaignStatus.WaitingForWindow);
        // The audience is fixed at start, whenever the window opens: the snapshot goes on while the campaign waits.
        await AwaitAssertAsync(async () => Assert.True((await Ask(campaign, new CampaignCommands.Get("c6"))).Snapshotted), Patience);

        Assert.Equal(window.ToWindow().NextOpening(DateTimeOffset.UtcNow), waiting.NextOpening);
        Assert.Equal(CampaignStatus.WaitingForWindow, (await Ask(campaign, new CampaignCommands.Get("c6"))).Status);
        Assert.Empty(sender.Calls);
    }

    [Fact]
    public async Task Pause_stops_the_fan_out_live_and_resume_sends_the_rest_exactly_once()
    {
        var group = await _bed.GroupAsync("Kunder", 40);
        var sender = new RecordingSender(gated: true);
        var campaign = Campaign("c7", sender);
        // At 40 a second the fan-out keeps 4 hand-overs in flight (a tenth of the rate, at least 4).
        await Ask(campaign, new CampaignCommands.Create("c7", CampaignTestBed.Definition(group, rate: 40), "marketer"));
        await Ask(campaign, new CampaignCommands.Start("c7", "marketer", null, false));
        await AwaitConditionAsync(() => Task.FromResult(sender.Waiting == 4), Patience); // the first hand-overs are in flight

        Assert.Equal(CampaignStatus.Paused, (await Ask(campaign, new CampaignCommands.Pause("c7", "marketer"))).Status);
        sender.Release(1000);
        await AwaitAssertAsync(async () => Assert.Equal(4L, (await _bed.Store.CountsAsync("c7")).Submitted), Patience);
        Assert.Equal(4, sender.Calls.Count); // nothing new after the pause

        await Ask(campaign, new CampaignCommands.Resume("c7", "marketer"));
        await StatusBecomes(campaign, "c7", CampaignStatus.Finished);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sender.Calls.Select(c => c.Seq).Order());
    }

    [Fact]
    public async Task One_bad_recipient_is_failed_with_its_reason_and_the_campaign_goes_on()
    {
        var group = await _bed.GroupAsync("Kunder", 3, firstNumber: 997); // +4791000997 … +4791000999
        var campaign = Campaign("c8", new RecordingSender());
        await Ask(campaign, new CampaignCommands.Create("c8", CampaignTestBed.Definition(group), "marketer"));
        await Ask(campaign, new CampaignCommands.Start("c8", "marketer", null, false));
        await StatusBecomes(campaign, "c8", CampaignStatus.Finished);

        var counts = await _bed.Store.CountsAsync("c8");
        Assert.Equal((2L, 1L), (counts.Submitted, counts.Failed));
        var report = await ReportAsync("c8");
        Assert.Equal("refused by the test", report.Single(r => r.Number == "+4791000999").Detail);
    }

    [Fact]
    public async Task Opted_out_duplicate_and_recently_contacted_recipients_are_skipped_and_counted()
    {
        var group = await _bed.GroupAsync("Kunder", 5);
        await _bed.OptOutAsync("+4791000001");
        var first = Campaign("c9", new RecordingSender());
        await Ask(first, new CampaignCommands.Create("c9", CampaignTestBed.Definition(group), "marketer"));
        await Ask(first, new CampaignCommands.Start("c9", "marketer", null, false));
        await StatusBecomes(first, "c9", CampaignStatus.Finished);
        var more = await _bed.GroupAsync("Nye", 3, firstNumber: 100);

        var sender = new RecordingSender();
        var second = Campaign("c10", sender);
        var definition = CampaignTestBed.Definition(group, frequency: AudienceRules.DefaultFrequencyWindow) with { GroupIds = [group, more] };
        await Ask(second, new CampaignCommands.Create("c10", definition, "marketer"));
        await Ask(second, new CampaignCommands.Start("c10", "marketer", null, false));
        var finished = await StatusBecomes(second, "c10", CampaignStatus.Finished);

        Assert.Equal(1, (await _bed.Store.CountsAsync("c9")).OptedOut);
        Assert.Equal(8, finished.Total);
        Assert.Equal(1, finished.Skipped["opted-out"]);
        Assert.Equal(4, finished.Skipped["recently-contacted"]);
        Assert.Equal(3, sender.Calls.Count);
    }

    [Fact]
    public async Task A_campaign_recovers_from_its_journal_after_a_restart_and_sends_only_what_was_left()
    {
        var group = await _bed.GroupAsync("Kunder", 30);
        var before = new RecordingSender(gated: true);
        var system = ActorSystem.Create("campaign-before", _bed.Config);
        var campaign = Campaign("c11", before, system);
        await Ask(campaign, new CampaignCommands.Create("c11", CampaignTestBed.Definition(group, rate: 40), "marketer"));
        await Ask(campaign, new CampaignCommands.Start("c11", "marketer", null, false));
        await AwaitConditionAsync(() => Task.FromResult(before.Waiting == 4), Patience);
        await AwaitAssertAsync(async () => Assert.True((await Ask(campaign, new CampaignCommands.Get("c11"))).Snapshotted), Patience); // the fan-out starts before the snapshot is journaled
        before.Release(4);
        await AwaitAssertAsync(async () => Assert.Equal(4L, (await _bed.Store.CountsAsync("c11")).Submitted), Patience);
        await system.Terminate(); // the process stops mid-campaign; what was in flight after the 4 was never recorded

        var after = new RecordingSender();
        var restarted = Campaign("c11", after);
        var recovered = await Ask(restarted, new CampaignCommands.Wake("c11"));
        Assert.True(recovered.Snapshotted);
        Assert.Equal(30, recovered.Total);
        await StatusBecomes(restarted, "c11", CampaignStatus.Finished);

        var sentBefore = (await ReportAsync("c11")).Where(r => r.MessageId is not null && before.Calls.Any(c => c.Seq == r.Seq)).Select(r => r.Seq).ToHashSet();
        Assert.Equal(4, sentBefore.Count(s => before.Calls.Take(4).Any(c => c.Seq == s)));
        Assert.Empty(after.Calls.Select(c => c.Seq).Intersect(before.Calls.Take(4).Select(c => c.Seq)));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), before.Calls.Take(4).Concat(after.Calls).Select(c => c.Seq).Distinct().Order());
        Assert.Equal(30L, (await _bed.Store.CountsAsync("c11")).Submitted);
    }
}
