using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>
/// Moderators' actions. Each decision is made and journaled by the account entity first (so two
/// moderators deciding at once get one winner); only then are the messages moved on and, when approved,
/// handed to the pipeline (through <see cref="HeldItemRelease"/>, shared with the projection that follows the journal).
/// </summary>
public sealed class ModerationService(
    IRequiredActor<AccountRegion> accounts, HeldItemStore items, OutboundPipeline pipeline, HeldItemRelease release, SuspensionStore suspensions,
    IRequiredActor<CampaignRegion> campaigns, CampaignHoldProjection campaignHolds)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<DecisionOutcome> DecideAsync(string itemId, bool approve, string moderator, string reason, CancellationToken ct = default)
    {
        if (await items.FindAsync(itemId, ct) is not { } item)
            return new DecisionOutcome.Unknown();
        // Decided long ago: the entity may have forgotten it, the read model has not.
        if (item.Decision is { } earlier)
            return new DecisionOutcome.AlreadyDecided(earlier == "approved");
        if (HeldItemKinds.Of(item) == HeldItemKinds.Campaign)
            return await DecideCampaignAsync(item, approve, moderator, reason, ct);
        var reply = await accounts.ActorRef.Ask<object>(new AccountCommands.Decide(item.AccountId, itemId, approve, moderator, reason), Timeout, ct);
        switch (reply)
        {
            case AccountReplies.Decided decided:
                await ApplyAsync(item.AccountId, decided.Item, approve, moderator, reason, ct);
                return new DecisionOutcome.Decided(item.AccountId, decided.Item.MessageIds.Count);
            case AccountReplies.AlreadyDecided already:
                return new DecisionOutcome.AlreadyDecided(already.Approved);
            default:
                return new DecisionOutcome.Unknown();
        }
    }

    /// <summary>
    /// A held campaign is decided by its own entity (approval starts it, or leaves it for an admin's approval under
    /// maker/checker; rejection cancels it); the queue row follows the journal, written here at once as well.
    /// </summary>
    private async Task<DecisionOutcome> DecideCampaignAsync(HeldItemRecord item, bool approve, string moderator, string reason, CancellationToken ct)
    {
        var reply = await campaigns.ActorRef.Ask<object>(new CampaignCommands.DecideHold(item.ItemId, approve, moderator, reason), Timeout, ct);
        switch (reply)
        {
            case CampaignReplies.Info info:
                var at = info.State.UpdatedAt ?? DateTimeOffset.UtcNow;
                await campaignHolds.ApplyAsync([new CampaignHoldChange.Decided(item.ItemId, approve ? "approved" : "rejected", moderator, reason, at)], null, ct);
                return new DecisionOutcome.Decided(item.AccountId, item.MessageCount);
            case CampaignReplies.Refused { Kind: RefusalKind.NotFound }:
                return new DecisionOutcome.Unknown();
            default:
                // No longer held: decided by another moderator meanwhile, or withdrawn by the customer.
                var state = (await campaigns.ActorRef.Ask<CampaignReplies.Info>(new CampaignCommands.Get(item.ItemId), Timeout, ct)).State;
                return new DecisionOutcome.AlreadyDecided(state.Decision?.StartsWith("released", StringComparison.Ordinal) == true);
        }
    }

    /// <summary>Approves a domain for an account and releases what was held only for it.</summary>
    public async Task<IReadOnlyList<string>> ApproveDomainAsync(string accountId, string domain, string moderator, CancellationToken ct = default)
    {
        var reply = await accounts.ActorRef.Ask<AccountReplies.DomainApproved>(new AccountCommands.ApproveDomain(accountId, domain, moderator), Timeout, ct);
        foreach (var item in reply.Released)
            await ApplyAsync(accountId, item, true, moderator, $"domain {reply.Domain} approved", ct);
        return reply.Released.Select(i => i.ItemId).ToList();
    }

    public async Task SetLimitsAsync(string accountId, AccountLimits limits, string moderator, CancellationToken ct = default)
    {
        await accounts.ActorRef.Ask<AccountReplies.Done>(new AccountCommands.SetLimits(accountId, limits, moderator), Timeout, ct);
        pipeline.SetAccountRate(accountId, limits.MessagesPerSecond); // takes effect on what is waiting, without a restart
    }

    /// <summary>
    /// Suspends an account: the pipelines stop its backlog first (stored for every node before the entity journals
    /// it, so a crash in between errs on the side of holding), then the entity holds its new sends.
    /// </summary>
    public async Task SuspendAsync(string accountId, string moderator, string reason, CancellationToken ct = default)
    {
        await suspensions.SuspendAsync(accountId, moderator, ct);
        pipeline.Suspend(accountId);
        await accounts.ActorRef.Ask<AccountReplies.Done>(new AccountCommands.Suspend(accountId, moderator, reason), Timeout, ct);
    }

    /// <summary>
    /// Resumes an account: the entity first (it releases items held for domains approved meanwhile), then the
    /// pipelines send on what they parked, then the released items go.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResumeAsync(string accountId, string moderator, CancellationToken ct = default)
    {
        var reply = await accounts.ActorRef.Ask<AccountReplies.Resumed>(new AccountCommands.Resume(accountId, moderator), Timeout, ct);
        await suspensions.ResumeAsync(accountId, ct);
        await pipeline.ResumeAsync(accountId, ct);
        foreach (var item in reply.Released)
            await ApplyAsync(accountId, item, true, moderator, "its domains were approved while the account was suspended", ct);
        return reply.Released.Select(i => i.ItemId).ToList();
    }

    public Task<AccountReplies.Usage> UsageAsync(string accountId, CancellationToken ct = default) =>
        accounts.ActorRef.Ask<AccountReplies.Usage>(new AccountCommands.GetUsage(accountId), Timeout, ct);

    /// <summary>
    /// Carries the journaled decision out at once, so an approval releases promptly. A crash before this is made good
    /// by the <see cref="DecisionProjection"/>, and whichever comes second changes nothing.
    /// </summary>
    private Task ApplyAsync(string accountId, HeldItem item, bool approved, string moderator, string reason, CancellationToken ct) =>
        release.ApplyAsync([new AccountChange.Decided(accountId, item.ItemId, approved, moderator, reason, DateTimeOffset.UtcNow)], null, ct);
}

/// <summary>What came of a moderator's decision.</summary>
public abstract record DecisionOutcome
{
    public sealed record Decided(string AccountId, int Messages) : DecisionOutcome;

    public sealed record AlreadyDecided(bool Approved) : DecisionOutcome;

    public sealed record Unknown : DecisionOutcome;
}
