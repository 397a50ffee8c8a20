using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Front.Actors.Domain.Campaigns;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;
using E = Front.Actors.Engine.Campaigns.CampaignEvents;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// One per campaign, sharded and event-sourced: decides its state (draft, held, awaiting approval, scheduled, running,
/// waiting for the window, paused, cancelled, finished), takes the audience snapshot once and runs the fan-out stream
/// while it is running. The volume never passes its mailbox: the stream reads and writes the recipients table; only
/// its end and timer ticks come here. A campaign with work ahead (scheduled, running, waiting) does not passivate.
/// </summary>
public sealed class CampaignActor : PersistentEntity<CampaignState, E.ICampaignEvent>, IWithTimers
{
    private const int SnapshotEvery = 50;
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(6); // long waits are re-checked, not trusted to one timer
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SettleFor = TimeSpan.FromMinutes(30);

    private readonly CampaignWork _work;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IMaterializer _materializer = Context.Materializer();

    // In memory only: the running stream and whether a snapshot or a progress read is under way. A restart (or a move to
    // another node) loses them; the journal and the recipients table are enough to start them again (OnRecovered).
    private FanOutRun? _fanOut;
    private int _run;
    private CancellationTokenSource? _snapshotting;
    private bool _readingProgress;
    private ProgressSample? _lastRead;

    public ITimerScheduler Timers { get; set; } = null!;

    public CampaignActor(string id, CampaignWork work) : base($"campaign-{id}", CampaignState.Empty(id), SnapshotEvery, IdleAfter)
    {
        _work = work;
        Command<CampaignCommands.Get>(_ => Sender.Tell(Info()));
        Command<CampaignCommands.Wake>(_ =>
        {
            Reconcile();
            Sender.Tell(Info());
        });
        Command<CampaignCommands.IWithCampaignId>(command =>
        {
            var (events, refused) = State.Decide(command, DateTimeOffset.UtcNow);
            if (refused is not null)
                Sender.Tell(new CampaignReplies.Refused(State.Id, refused.Field, refused.Reason, refused.Kind));
            else
                JournalAndAct(events);
        });

        Command<Tick>(_ => Reconcile());
        Command<StartDue>(_ =>
        {
            if (State.Status == CampaignStatus.Scheduled && State.Definition!.StartAt is { } at && at <= DateTimeOffset.UtcNow)
                JournalAndAct([new E.Started(DateTimeOffset.UtcNow)]);
            else
                Reconcile();
        });
        Command<WindowOpens>(_ =>
        {
            if (State.Status == CampaignStatus.WaitingForWindow && Window is { } window && window.IsOpen(DateTimeOffset.UtcNow))
                JournalAndAct([new E.WindowOpened(DateTimeOffset.UtcNow)]);
            else
                Reconcile();
        });
        Command<SnapshotTaken>(taken =>
        {
            EndSnapshot();
            if (State.Status.IsFinal() || State.Snapshotted)
                return;
            JournalAndAct([new E.AudienceSnapshotted(taken.Counts.Total, taken.Counts.Skipped, DateTimeOffset.UtcNow)]);
        });
        Command<SnapshotFailed>(failed =>
        {
            EndSnapshot();
            if (!State.Status.IsFinal())
                RetryLater($"the audience snapshot failed ({failed.Reason})");
        });
        Command<PendingCheckFailed>(failed => RetryLater($"counting its pending recipients failed ({failed.Reason})"));
        Command<FanOutEnded>(ended =>
        {
            if (ended.Run != _run)
            {
                // A stream stopped on purpose (pause, window) has drained its last hand-overs; outcomes it could not record stay
                // pending and are handed over again (the same client reference returns the first message).
                if (ended.Error is not null)
                    _log.Warning("Campaign {0}: a stopped fan-out ended with {1}", State.Id, ended.Error.Message);
                return;
            }
            _fanOut = null;
            if (ended.Error is not null)
            {
                _log.Warning("Campaign {0}: the fan-out failed ({1}); resuming in {2}", State.Id, ended.Error.Message, RetryAfter);
                Timers.StartSingleTimer("retry", Tick.Instance, RetryAfter);
                return;
            }
            var (store, id) = (_work.Store, State.Id);
            Task.Run(() => store.PendingCountAsync(id)).PipeTo(Self, success: n => new PendingChecked(n), failure: e => new PendingCheckFailed(e.GetBaseException().Message));
        });
        Command<PendingChecked>(check =>
        {
            if (State.Status != CampaignStatus.Running || _fanOut is not null)
                return;
            if (check.Pending == 0 && State.Snapshotted)
                JournalAndAct([new E.Finished(DateTimeOffset.UtcNow)]);
            else
                Reconcile();
        });
        Command<ProgressTick>(_ => PushProgress());
        Command<ProgressRead>(read =>
        {
            _readingProgress = false;
            _lastRead = read.Sample;
            // A finished campaign's deliveries keep coming: it pushes until every outcome is in, or for at most SettleFor.
            if (State.Status == CampaignStatus.Finished && (read.Settled || DateTimeOffset.UtcNow - State.FinishedAt > SettleFor))
                Timers.Cancel("progress");
        });
        Command<CampaignReplies.Info>(_ => { }); // answers to the entity's own timer-driven events
    }

    protected override CampaignState Apply(CampaignState state, E.ICampaignEvent @event) => state.Apply(@event);

    protected override void OnRecovered() => Self.Tell(Tick.Instance);

    protected override void PostStop()
    {
        _fanOut?.Stop();
        _snapshotting?.Cancel();
        base.PostStop();
    }

    private SendingWindow? Window => State.Definition?.Window?.ToWindow();

    private CampaignReplies.Info Info() => new(State.Id, State);

    /// <summary>Journals the events, answers the sender, keeps the list row following, then acts on the new state.</summary>
    private void JournalAndAct(IReadOnlyList<E.ICampaignEvent> events) =>
        PersistAndReply(events, state =>
        {
            if (events.Count > 0)
                SaveRow(state);
            Reconcile();
            return new CampaignReplies.Info(state.Id, state);
        });

    private void SaveRow(CampaignState state)
    {
        var row = new CampaignRecord
        {
            Id = state.Id, AccountId = state.Definition!.AccountId, Name = state.Definition.Name, Status = state.Status.ToWire(),
            Total = state.Total, Skipped = state.Skipped.Values.Sum(), AppliedSeq = LastSequenceNr,
            CreatedAt = state.CreatedAt ?? DateTimeOffset.UtcNow, UpdatedAt = state.UpdatedAt ?? DateTimeOffset.UtcNow,
        };
        var log = _log;
        // Started before the reply (on SQLite it completes before it): a client that lists right after an answer sees the row.
        _work.Store.SaveAsync(row).ContinueWith(t => log.Warning("Campaign {0}: list row not written: {1}", row.Id, t.Exception?.GetBaseException().Message),
            TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Makes what runs match the state: timers, the snapshot, the stream, passivation.</summary>
    private void Reconcile()
    {
        if (!State.Exists)
            return;
        var now = DateTimeOffset.UtcNow;
        var active = State.Status is CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.WaitingForWindow;
        Context.SetReceiveTimeout(active ? null : IdleAfter);
        if (State.Status != CampaignStatus.Running)
            StopFanOut();
        if (State.Status.IsFinal())
            _snapshotting?.Cancel(); // nobody will be sent: stop resolving the audience
        if (!active)
        {
            Timers.CancelAll();
            PushProgress(); // the last counts of a paused, cancelled or finished campaign
            if (State.Status == CampaignStatus.Finished && now - State.FinishedAt < SettleFor)
                Timers.StartPeriodicTimer("progress", ProgressTick.Instance, ProgressEvery); // until its deliveries are in (ProgressRead)
            return;
        }
        if (!Timers.IsTimerActive("progress"))
            Timers.StartPeriodicTimer("progress", ProgressTick.Instance, ProgressEvery);
        switch (State.Status)
        {
            case CampaignStatus.Scheduled:
                Timers.StartSingleTimer("start", StartDue.Instance, Clamp(State.Definition!.StartAt!.Value - now));
                break;
            case CampaignStatus.WaitingForWindow:
                Timers.StartSingleTimer("window", WindowOpens.Instance, Clamp((State.NextOpening ?? now) - now));
                break;
            case CampaignStatus.Running:
                // The snapshot goes on whatever else happens (window, pause); the fan-out follows it as it is written.
                if (!State.Snapshotted)
                    TakeSnapshot(now);
                if (Window is { } window && !window.IsOpen(now))
                {
                    StopFanOut();
                    JournalAndAct([new E.WindowClosed(window.NextOpening(now), now)]);
                    break;
                }
                if (Window is { } open)
                    Timers.StartSingleTimer("window", Tick.Instance, Clamp(open.ClosesAfter(now) - now));
                StartFanOut();
                if (State.Snapshotted)
                    _fanOut!.CompleteAudience();
                break;
        }
    }

    /// <summary>
    /// Resolves the audience off the entity's thread (SQLite's provider runs "async" calls synchronously, and a million
    /// contacts take a while): the entity keeps answering, and the fan-out sends the first pages meanwhile.
    /// </summary>
    private void TakeSnapshot(DateTimeOffset now)
    {
        if (_snapshotting is not null)
            return;
        var cancel = _snapshotting = new CancellationTokenSource();
        var (d, id, store) = (State.Definition!, State.Id, _work.Store);
        Task.Run(() => store.SnapshotAsync(id, d, now, cancel.Token), cancel.Token)
            .PipeTo(Self, success: counts => new SnapshotTaken(counts), failure: e => new SnapshotFailed(e.GetBaseException().Message));
    }

    private void RetryLater(string what)
    {
        _log.Warning("Campaign {0}: {1}; trying again in {2}", State.Id, what, RetryAfter);
        Timers.StartSingleTimer("retry", Tick.Instance, RetryAfter);
    }

    private void EndSnapshot()
    {
        _snapshotting?.Dispose();
        _snapshotting = null;
    }

    private void StartFanOut()
    {
        if (_fanOut is not null)
            return;
        var run = ++_run;
        _fanOut = CampaignFanOut.Run(_materializer, State.Id, State.Definition!, _work.Store, _work.Sender, State.Snapshotted);
        _fanOut.Completion.PipeTo(Self, success: () => new FanOutEnded(run, null), failure: e => new FanOutEnded(run, e));
    }

    private void StopFanOut()
    {
        if (_fanOut is null)
            return;
        _fanOut.Stop();
        _fanOut = null;
        _run++; // its end, when its last hand-overs are recorded, is no news
    }

    /// <summary>Reads the counts off the entity's thread and pushes them with the rate since the previous read; one read at a time.</summary>
    private void PushProgress()
    {
        if (_readingProgress || !State.Exists)
            return;
        _readingProgress = true;
        var (accountId, id, status, progress, store, previous, replies) = (State.Definition!.AccountId, State.Id, State.Status.ToWire(), _work.Progress, _work.Store, _lastRead, State.ReplyScope());
        Task.Run(async () =>
        {
            try
            {
                var counts = await store.CountsAsync(id, replies);
                var at = DateTimeOffset.UtcNow;
                var handedOver = counts.Submitted + counts.Failed;
                var rate = previous is { } p && at > p.At ? Math.Max(0, handedOver - p.HandedOver) / (at - p.At).TotalSeconds : 0;
                await progress.ProgressAsync(accountId, id, status, counts, rate);
                return new ProgressRead(new ProgressSample(handedOver, at), counts.Settled);
            }
            catch (Exception)
            {
                return new ProgressRead(previous, false); // best effort: the next tick reads it again
            }
        }).PipeTo(Self);
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > LongestTimer ? LongestTimer : delay;

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class StartDue
    {
        public static readonly StartDue Instance = new();
    }

    private sealed class WindowOpens
    {
        public static readonly WindowOpens Instance = new();
    }

    private sealed class ProgressTick
    {
        public static readonly ProgressTick Instance = new();
    }

    private sealed record ProgressSample(long HandedOver, DateTimeOffset At);

    private sealed record ProgressRead(ProgressSample? Sample, bool Settled);

    private sealed record SnapshotTaken(AudienceCounts Counts);

    private sealed record SnapshotFailed(string Reason);

    private sealed record PendingCheckFailed(string Reason);

    private sealed record FanOutEnded(int Run, Exception? Error);

    private sealed record PendingChecked(long Pending);
}

/// <summary>Marks the campaign shard region in the actor registry.</summary>
public sealed class CampaignRegion;

/// <summary>Routes campaign commands by campaign id over a fixed number of shards (never change it once data exists).</summary>
public sealed class CampaignMessageExtractor() : EntityMessageExtractor<CampaignCommands.IWithCampaignId>(c => c.CampaignId);
