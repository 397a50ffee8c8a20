using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// What agents, API keys and inbound rules do to conversations. The conversation entity decides and
/// journals first; then the inbox read model is written and the change is pushed to the account's agents.
/// Replies go through the same intake (validation, misuse rules, rates, opt-out) as every message.
/// </summary>
public sealed class ConversationService(
    IRequiredActor<ConversationRegion> conversations, InboxWriter inbox, ConversationStore store, IInboxNotifier notifier, MessageIntake intake, ReplyFollower follower)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An inbound message for its thread. One the thread already has (handed over again after a crash) is not
    /// journaled again; if the crash came between the journal and the read model, the read model gets it now.
    /// </summary>
    public async Task<ConversationReplies.IReply> ReceiveAsync(ConversationCommands.Receive receive, CancellationToken ct = default)
    {
        var reply = await AskAndApplyAsync(receive, ct);
        if (reply is ConversationReplies.Changed { AlreadyHad: true } changed
            && await store.EnsureInThreadAsync(receive.ConversationId, changed.State, receive.MessageId, "in", receive.Text, null, receive.Keyword, ct) is { } repaired)
            await notifier.NotifyAsync(changed.State.AccountId!, [repaired]);
        // A stop or start word: opt_outs agrees with the journaled thread, even if a crash came between the two before.
        if (receive.OptOut != OptChange.None && reply is ConversationReplies.Changed optChanged)
            await store.SyncOptOutAsync(optChanged.State, receive.OptWord ?? "STOPP", ct);
        return reply;
    }

    /// <summary>Claim, release, transfer, mark read, close, reopen or assign: journaled, stored, pushed.</summary>
    public async Task<ConversationReplies.IReply> CommandAsync(ConversationCommands.IWithConversationId command, CancellationToken ct = default)
    {
        var reply = await AskAndApplyAsync(command, ct);
        // Done before a crash that came between the journal and the read model: opt_outs agrees with the thread now.
        if (command is ConversationCommands.FollowOpt follow && reply is ConversationReplies.Changed { Events.Count: 0 } unchanged)
            await store.SyncOptOutAsync(unchanged.State, follow.Word, ct);
        return reply;
    }

    public async Task<ConversationState> GetAsync(string conversationId, CancellationToken ct = default) =>
        ((ConversationReplies.Changed)await conversations.ActorRef.Ask<ConversationReplies.IReply>(new ConversationCommands.Get(conversationId), Timeout, ct)).State;

    /// <summary>
    /// Sends a reply in the thread: refused while the contact is opted out; otherwise taken by the intake (which
    /// may hold it for review) and then recorded in the thread in the order written.
    /// </summary>
    /// <param name="clientRef">Makes a repeated call (a rule carried out again after a restart) send and record nothing new.</param>
    public async Task<ReplyOutcome> ReplyAsync(string conversationId, string author, string text, int maxSegments, CancellationToken ct = default, string? clientRef = null)
    {
        var state = await GetAsync(conversationId, ct);
        if (!state.Exists)
            return new ReplyOutcome.Refused("id", $"no conversation '{conversationId}'", NotFound: true);
        if (state.RefuseReply() is { } reason)
            return new ReplyOutcome.Refused("contact", reason, NotFound: false);

        var result = await intake.SendAsync(new SendCommand(state.AccountId!, state.OurNumber!, [state.Contact!], text, clientRef), maxSegments, ct,
            ids => follower.Follow(ids, state.AccountId!));
        if (result.Messages.Count == 0)
            return new ReplyOutcome.Refused("contact", result.Rejected.FirstOrDefault()?.Reason ?? "not sendable", NotFound: false);
        var message = result.Messages[0];
        var recorded = await AskAndApplyAsync(new ConversationCommands.RecordReply(conversationId, message.Id, text, author), ct);
        // Recorded before a crash that came between the journal and the read model: the read model gets it now.
        if (recorded is ConversationReplies.Changed { AlreadyHad: true } had
            && await store.EnsureInThreadAsync(conversationId, had.State, message.Id, "out", text, author, null, ct) is { } repaired)
            await notifier.NotifyAsync(had.State.AccountId!, [repaired]);
        await follower.RecordedAsync(message.Id);
        return recorded is ConversationReplies.Changed
            ? new ReplyOutcome.Sent(message.Id, message.Status, message.Segments)
            : new ReplyOutcome.Refused("id", "the conversation refused the reply", NotFound: false);
    }

    private async Task<ConversationReplies.IReply> AskAndApplyAsync(ConversationCommands.IWithConversationId command, CancellationToken ct)
    {
        var reply = await conversations.ActorRef.Ask<ConversationReplies.IReply>(command, Timeout, ct);
        if (reply is ConversationReplies.Changed { Events.Count: > 0 } changed)
        {
            var updates = await inbox.ApplyAsync(new ConversationChange(changed.ConversationId, changed.State, changed.Events));
            if (updates.Count > 0)
                await notifier.NotifyAsync(changed.State.AccountId!, updates);
        }
        return reply;
    }
}

/// <summary>What came of a reply.</summary>
public abstract record ReplyOutcome
{
    public sealed record Sent(string MessageId, string Status, int Segments) : ReplyOutcome;

    public sealed record Refused(string Field, string Reason, bool NotFound) : ReplyOutcome;
}
