using Akka.Actor;
using Akka.Event;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Inbound;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Moderation;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Hosting;

/// <summary>
/// The engine's start-up, one named step after the other, each logged: the order matters (statuses must be
/// storable before a bind can answer; rates must be set before stored messages resume).
/// </summary>
public sealed class EngineStartup(
    ActorSystem system, Database database, StatusWriter writer, OperatorBinds binds, OutboundPipeline outbound, NumberService numbers,
    InboundPipeline inbound, WebhookSender webhooks, Resumption resumption, MessageIntake intake, ModerationService moderation,
    SuspensionStore suspensions, AbuseOptions abuse, ConversationProjection conversations, DecisionProjection decisions, NumberProjection numberProjection,
    PipelineMetrics metrics, Campaigns.CampaignWakeUp campaigns, CampaignHoldProjection campaignHolds)
{
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(EngineStartup));
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates the schema (first start, or new columns after an upgrade).</summary>
    public void PrepareStorage() => Step("storage", database.EnsureCreated);

    /// <summary>Starts the engine on these binds and carries on with what a restart interrupted.</summary>
    public async Task StartAsync(IReadOnlyList<BindOptions> bindOptions, CancellationToken ct = default)
    {
        Step("status writer", () => writer.Start(system));
        // Before inbound traffic: a thread a crash left behind its journal is caught up, and stays caught up.
        Step("inbox read model follows the conversation journal", conversations.Start);
        // Before the rates are read from it: a number a crash left behind its journal is caught up first.
        await StepAsync("number read model caught up with the number journal", () => numberProjection.CatchUpAsync(ct));
        Step("number read model follows the number journal", numberProjection.Start);
        Step("binds", () => binds.Start(bindOptions));
        Step("outbound pipeline", outbound.Start);
        _log.Debug("Pipeline gauges on meter {0}", metrics.Name); // created with the pipeline, before traffic
        await StepAsync("number rates", () => numbers.RestoreRatesAsync(ct));
        await StepAsync("inbound pipeline (and parts stored before a restart)", () => inbound.StartAsync(ct));
        await StepAsync("webhooks pending before a restart", async () =>
            await webhooks.ResumePendingAsync(ct));
        // Before anything stored is resumed: a suspended account's backlog must park, not leave.
        await StepAsync("suspended accounts", () => outbound.SyncSuspensionsAsync(suspensions, ct));
        _ = FollowSuspensionsAsync(_stopping.Token);
        await StepAsync("messages stored but not submitted before a restart", async () =>
            await resumption.ResumeUnsubmittedAsync(intake.Rebuild, async (id, token) => (await moderation.UsageAsync(id, token)).Limits.MessagesPerSecond, ct));
        // After the resumption, so a message a decision releases now is handed over by the projection alone; a decision
        // a crash left unreleased (or a suspension left unlifted) is carried out here, once.
        await StepAsync("held items follow the account journal (and decisions journaled before a restart)", async () =>
        {
            await decisions.CatchUpAsync(ct);
            decisions.Start();
        });
        await StepAsync("held campaigns follow the campaign journal", async () =>
        {
            await campaignHolds.CatchUpAsync(ct);
            campaignHolds.Start();
        });
        // Last: a campaign's fan-out hands recipients to the intake, which needs everything above.
        await StepAsync("campaigns scheduled, running or waiting before a restart", () => campaigns.WakeAsync(ct));
        _log.Info("Engine started with {0} binds ({1})", bindOptions.Count, string.Join(", ", bindOptions.Select(b => $"{b.Name} {b.Host}:{b.Port}")));
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        conversations.Stop();
        decisions.Stop();
        campaignHolds.Stop();
        numberProjection.Stop();
        inbound.Stop();
        await outbound.DisposeAsync();
        await binds.DisposeAsync();
        writer.Complete();
    }

    /// <summary>Suspensions and resumptions made on other nodes reach this node's pipeline within one refresh.</summary>
    private async Task FollowSuspensionsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(abuse.SuspensionRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await outbound.SyncSuspensionsAsync(suspensions, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log.Warning("Could not re-read suspended accounts: {0}", e.Message); // the last known ones stay in force
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Step(string name, Action step)
    {
        step();
        _log.Info("Start-up: {0} done", name);
    }

    private async Task StepAsync(string name, Func<Task> step)
    {
        await step();
        _log.Info("Start-up: {0} done", name);
    }

    private async Task StepAsync(string name, Func<Task<int>> step)
    {
        var count = await step();
        _log.Info("Start-up: {0} done ({1})", name, count);
    }
}
