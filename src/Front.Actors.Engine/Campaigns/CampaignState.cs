using Front.Actors.Engine.Serialization;
using E = Front.Actors.Engine.Campaigns.CampaignEvents;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// A campaign as its entity knows it: the definition, where it stands and the audience counts of its snapshot. Per-recipient
/// progress is not here (a million rows): it is in <c>campaign_recipients</c>. Decisions are pure: a command and the time
/// in, events or a refusal out.
/// </summary>
public sealed record CampaignState(
    string Id, CampaignDefinition? Definition, CampaignStatus Status, string? CreatedBy, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt,
    bool EverStarted, bool Snapshotted, long Total, IReadOnlyDictionary<string, long> Skipped,
    string? HoldRule, string? HoldDetails, string? StartedBy, string? Decision, DateTimeOffset? NextOpening, DateTimeOffset? FinishedAt,
    bool ApprovalAfterHold = false) : IPersisted
{
    public static CampaignState Empty(string id) =>
        new(id, null, CampaignStatus.Draft, null, null, null, false, false, 0, new Dictionary<string, long>(), null, null, null, null, null, null);

    public bool Exists => Definition is not null;

    /// <summary>Where recipients' replies to this campaign arrive (a method, so snapshots do not carry it).</summary>
    public Storage.CampaignReplyScope? ReplyScope() =>
        Definition is null ? null : Storage.CampaignReplyScope.For(Definition.AccountId, Definition.From, CreatedAt ?? DateTimeOffset.UnixEpoch);

    public sealed record Refusal(string Field, string Reason, RefusalKind Kind);

    public (IReadOnlyList<E.ICampaignEvent> Events, Refusal? Refused) Decide(object command, DateTimeOffset now) => command switch
    {
        CampaignCommands.Create c when Exists => Refuse("id", $"campaign '{Id}' exists", RefusalKind.Conflict),
        CampaignCommands.Create c => Ok(new E.Created(c.Definition, c.By, now)),
        _ when !Exists => Refuse("id", $"no campaign '{Id}'", RefusalKind.NotFound),
        CampaignCommands.Start s => Start(s, now),
        CampaignCommands.Approve a when Status != CampaignStatus.AwaitingApproval =>
            Refuse("status", $"the campaign is {Status.ToWire()}, not waiting for an admin's approval", RefusalKind.Conflict),
        CampaignCommands.Approve a => Ok([new E.Approved(a.By, now), .. Launch(now)]),
        CampaignCommands.DecideHold d when Status != CampaignStatus.Held =>
            Refuse("status", $"the campaign is {Status.ToWire()}, not held for review", RefusalKind.Conflict),
        CampaignCommands.DecideHold { Approve: false } d => Ok(new E.HoldRejected(d.Moderator, d.Reason, now)),
        // The moderator's approval starts it, unless an admin of the account must still approve (maker/checker).
        CampaignCommands.DecideHold d when ApprovalAfterHold => Ok(new E.HoldApproved(d.Moderator, d.Reason, now)),
        CampaignCommands.DecideHold d => Ok([new E.HoldApproved(d.Moderator, d.Reason, now), .. Launch(now)]),
        CampaignCommands.Pause p when Status is CampaignStatus.Paused => Ok(),
        CampaignCommands.Pause p when Status is CampaignStatus.Scheduled or CampaignStatus.Running or CampaignStatus.WaitingForWindow => Ok(new E.Paused(p.By, now)),
        CampaignCommands.Pause => Refuse("status", $"a {Status.ToWire()} campaign cannot be paused", RefusalKind.Conflict),
        CampaignCommands.Resume r when Status is CampaignStatus.Running or CampaignStatus.Scheduled or CampaignStatus.WaitingForWindow => Ok(),
        CampaignCommands.Resume r when Status is CampaignStatus.Paused => Ok([new E.Resumed(r.By, now), .. (EverStarted ? [] : Launch(now))]),
        CampaignCommands.Resume => Refuse("status", $"a {Status.ToWire()} campaign cannot be resumed", RefusalKind.Conflict),
        CampaignCommands.Cancel when Status is CampaignStatus.Cancelled => Ok(),
        CampaignCommands.Cancel when Status is CampaignStatus.Finished => Refuse("status", "the campaign is finished", RefusalKind.Conflict),
        CampaignCommands.Cancel c => Ok(new E.Cancelled(c.By, "cancelled", now)),
        _ => throw new ArgumentException($"not a decision: {command}"),
    };

    private (IReadOnlyList<E.ICampaignEvent>, Refusal?) Start(CampaignCommands.Start s, DateTimeOffset now)
    {
        if (Status.IsFinal())
            return Refuse("status", $"a {Status.ToWire()} campaign cannot be started", RefusalKind.Conflict);
        if (Status != CampaignStatus.Draft)
            return Ok(); // already on its way: starting twice changes nothing
        if (Definition!.StartAt is { } at && Domain.Campaigns.StartTime.Refusal(at, now) is { } reason)
            return Refuse("startAt", reason, RefusalKind.Invalid);
        if (s.Hold is { } hold)
            return Ok(new E.HeldForReview(hold.Rule, hold.Details, s.By, now, s.NeedsApproval, Definition.AccountId, hold.Recipients, Definition.Text));
        if (s.NeedsApproval)
            return Ok(new E.ApprovalRequested(s.By, now));
        return Ok(Launch(now).ToArray());
    }

    /// <summary>Scheduled when its start time is ahead, else started now.</summary>
    public IReadOnlyList<E.ICampaignEvent> Launch(DateTimeOffset now) =>
        Definition!.StartAt is { } at && at > now ? [new E.Scheduled(at, now)] : [new E.Started(now)];

    public CampaignState Apply(E.ICampaignEvent e)
    {
        var next = this with { UpdatedAt = e.At };
        return e switch
        {
            E.Created c => next with { Definition = c.Definition, Status = CampaignStatus.Draft, CreatedBy = c.By, CreatedAt = c.At },
            E.HeldForReview h => next with { Status = CampaignStatus.Held, HoldRule = h.Rule, HoldDetails = h.Details, StartedBy = h.By, ApprovalAfterHold = h.NeedsApproval },
            E.ApprovalRequested a => next with { Status = CampaignStatus.AwaitingApproval, StartedBy = a.By },
            E.Approved a => next with { Decision = $"approved by {a.By}" },
            E.HoldApproved h => next with { Status = ApprovalAfterHold ? CampaignStatus.AwaitingApproval : Status, Decision = $"released by {h.Moderator}: {h.Reason}" },
            E.HoldRejected h => next with { Status = CampaignStatus.Cancelled, Decision = $"rejected by {h.Moderator}: {h.Reason}" },
            E.Scheduled => next with { Status = CampaignStatus.Scheduled },
            E.Started => next with { Status = CampaignStatus.Running, EverStarted = true },
            E.AudienceSnapshotted s => next with { Snapshotted = true, Total = s.Total, Skipped = s.Skipped },
            E.WindowClosed w => next with { Status = CampaignStatus.WaitingForWindow, NextOpening = w.NextOpening },
            E.WindowOpened => next with { Status = CampaignStatus.Running, NextOpening = null },
            E.Paused => next with { Status = CampaignStatus.Paused },
            E.Resumed => next with { Status = EverStarted ? CampaignStatus.Running : CampaignStatus.Draft },
            E.Cancelled => next with { Status = CampaignStatus.Cancelled },
            E.Finished f => next with { Status = CampaignStatus.Finished, FinishedAt = f.At },
            _ => throw new ArgumentException($"unknown campaign event {e.GetType().Name}"),
        };
    }

    private static (IReadOnlyList<E.ICampaignEvent>, Refusal?) Ok(params E.ICampaignEvent[] events) => (events, null);

    private static (IReadOnlyList<E.ICampaignEvent>, Refusal?) Refuse(string field, string reason, RefusalKind kind) => ([], new Refusal(field, reason, kind));
}
