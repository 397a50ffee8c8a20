using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// What agents, API keys and inbound rules do to conversations. The conversation entity decides and
/// journals first; then the inbox read model is written and the change is pushed to the account's agents at once
/// (an agent's inbox must not wait for a journal poll). If the process stops in between, the
/// <see cref="ConversationProjection"/>, which follows the journal, writes and pushes what was skipped.
/// Replies go through the same intake (validation, misuse rules, rates, opt-out) as every message.
/// </summary>
public sealed class ConversationService(
    IRequiredActor<ConversationRegion> conversations, InboxWriter inbox, IInboxNotifier notifier, MessageIntake intake, ReplyFollower follower)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An inbound message for its thread. One the thread already has (handed over again after a crash) is not
    /// journaled again; the projection shows it if the crash came before the read model did.
    /// </summary>
    public Task<ConversationReplies.IReply> ReceiveAsync(ConversationCommands.Receive receive, CancellationToken ct = default) =>
        AskAndApplyAsync(receive, ct);

    /// <summary>Claim, release, transfer, mark read, close, reopen or assign: journaled, stored, pushed.</summary>
    public Task<ConversationReplies.IReply> CommandAsync(ConversationCommands.IWithConversationId command, CancellationToken ct = default) =>
        AskAndApplyAsync(command, ct);

    public async Task<ConversationState> GetAsync(string conversationId, CancellationToken ct = default) =>
        ((ConversationReplies.Changed)await conversations.ActorRef.AskEntityAsync<ConversationReplies.IReply>(new ConversationCommands.Get(conversationId), Timeout, ct)).State;

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
        await follower.RecordedAsync(message.Id);
        return recorded is ConversationReplies.Changed
            ? new ReplyOutcome.Sent(message.Id, message.Status, message.Segments)
            : new ReplyOutcome.Refused("id", "the conversation refused the reply", NotFound: false);
    }

    private async Task<ConversationReplies.IReply> AskAndApplyAsync(ConversationCommands.IWithConversationId command, CancellationToken ct)
    {
        var reply = await conversations.ActorRef.AskEntityAsync<ConversationReplies.IReply>(command, Timeout, ct);
        if (reply is ConversationReplies.Changed { Events.Count: > 0 } changed)
        {
            var updates = await inbox.ApplyAsync(new ConversationChange(changed.ConversationId, changed.FirstSequenceNr, changed.Events));
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
