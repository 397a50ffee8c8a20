using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// Moves a campaign's volume: pages pending recipients from <c>campaign_recipients</c> in audience order (bounded
/// memory whatever the audience), following the audience snapshot while it is still being taken, paces them at the campaign's rate (never more in any one second), hands each to the engine and records the outcomes in batches. Stopping (pause, cancel, window closed) takes
/// effect at once: no recipient is handed over after <see cref="FanOutRun.Stop"/> returns (the kill switch alone acts a
/// thread-pool hop later), while those already handed over finish and are recorded.
/// </summary>
public static class CampaignFanOut
{
    private const int Page = 500;
    private static readonly TimeSpan AudiencePoll = TimeSpan.FromMilliseconds(200);
    private static readonly Task<RecipientOutcome> NotHandedOver = Task.FromResult(new RecipientOutcome("", 0, RecipientStates.Pending, null, null));

    /// <param name="audienceComplete">The audience snapshot is taken; if not, the run follows it until <see cref="FanOutRun.CompleteAudience"/>.</param>
    public static FanOutRun Run(
        IMaterializer materializer, string campaignId, CampaignDefinition definition, CampaignStore store, ICampaignSender sender, bool audienceComplete)
    {
        var rate = Math.Max(1, definition.MessagesPerSecond);
        // Enough hand-overs in flight to keep the rate with some latency at the intake, never a flood.
        var parallelism = Math.Clamp(rate / 10, 4, 32);
        var run = new FanOutRun(audienceComplete);
        var (killSwitch, completion) = Source.UnfoldAsync<long, IReadOnlyList<CampaignRecipientRecord>>(0L, async after =>
            {
                while (true)
                {
                    // Read before the page: a page read after the audience is complete sees every recipient there will be.
                    var complete = run.AudienceComplete;
                    var page = await store.PendingPageAsync(campaignId, after, Page);
                    if (page.Count > 0)
                        return Option<(long, IReadOnlyList<CampaignRecipientRecord>)>.Create((page[^1].Seq, page));
                    if (complete || run.Stopped)
                        return Option<(long, IReadOnlyList<CampaignRecipientRecord>)>.None;
                    await Task.Delay(AudiencePoll); // the snapshot is still writing pages
                }
            })
            .SelectMany(page => page)
            // Never more than the rate in any one second, with a burst of 20 ms worth (with a burst of one the throttle
            // waits a timer tick per element and fell to 40% of a 500/s rate).
            .ThrottleToLimit(rate)
            .ViaMaterialized(KillSwitches.Single<CampaignRecipientRecord>(), Keep.Right)
            // Streams carry no nulls: a recipient reached after the stop is marked, not handed over, and stays pending.
            .SelectAsync(parallelism, r => run.Stopped ? NotHandedOver : sender.SendAsync(campaignId, definition, r))
            .Where(outcome => !ReferenceEquals(outcome, NotHandedOver.Result))
            .GroupedWithin(200, TimeSpan.FromMilliseconds(100))
            .SelectAsync(1, async batch =>
            {
                await store.RecordAsync(batch.ToList());
                return NotUsed.Instance;
            })
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(materializer);
        run.Attach(killSwitch, completion);
        return run;
    }
}

/// <summary>A running fan-out: stop it, and know when its last hand-overs are recorded.</summary>
public sealed class FanOutRun(bool audienceComplete)
{
    private volatile bool _stopped;
    private volatile bool _audienceComplete = audienceComplete;
    private UniqueKillSwitch? _killSwitch;

    public bool Stopped => _stopped;

    /// <summary>Every recipient is in the table: once the run has read them all, it ends.</summary>
    public bool AudienceComplete => _audienceComplete;

    public void CompleteAudience() => _audienceComplete = true;

    public Task Completion { get; private set; } = Task.CompletedTask;

    internal void Attach(UniqueKillSwitch killSwitch, Task completion)
    {
        _killSwitch = killSwitch;
        Completion = completion;
    }

    public void Stop()
    {
        _stopped = true;
        _killSwitch?.Shutdown();
    }
}
