namespace Front.Actors.Engine.Conversations;

/// <summary>What a conversation entity is asked; every command names its conversation for the extractor.</summary>
public static class ConversationCommands
{
    public interface IWithConversationId
    {
        string ConversationId { get; }
    }

    /// <summary>
    /// An inbound message from the contact. The first one opens the thread; one to a closed thread reopens it;
    /// <paramref name="OptOut"/> records a stop or start word with it, <paramref name="OptWord"/> (else the text's first word).
    /// </summary>
    public sealed record Receive(
        string ConversationId, string AccountId, string OurNumber, string Contact, string MessageId, string Text, string? Keyword, OptChange OptOut,
        string? OptWord = null)
        : IWithConversationId;

    /// <summary>A reply already accepted by the outbound intake as <paramref name="MessageId"/>.</summary>
    public sealed record RecordReply(string ConversationId, string MessageId, string Text, string Author) : IWithConversationId;

    public sealed record MarkRead(string ConversationId, string Agent) : IWithConversationId;

    public sealed record Claim(string ConversationId, string Agent) : IWithConversationId;

    public sealed record Release(string ConversationId, string Agent) : IWithConversationId;

    public sealed record Transfer(string ConversationId, string From, string To) : IWithConversationId;

    /// <summary>The provider's moderator unassigns the thread from whoever has it (an agent who left, say): never stuck.</summary>
    public sealed record TakeBack(string ConversationId, string By) : IWithConversationId;

    /// <summary>Given by the round-robin assigner: takes effect only if nobody has the thread yet.</summary>
    public sealed record AssignIfFree(string ConversationId, string Agent, string By) : IWithConversationId;

    public sealed record Close(string ConversationId, string By) : IWithConversationId;

    public sealed record Reopen(string ConversationId, string By) : IWithConversationId;

    public sealed record Get(string ConversationId) : IWithConversationId;

    /// <summary>
    /// The contact opted out of (or back in to) the account through another of its threads: this thread follows,
    /// without a message of its own, so an account's opt-out is the same in every thread with the contact.
    /// </summary>
    public sealed record FollowOpt(string ConversationId, OptChange Change, string Word) : IWithConversationId;
}

public enum OptChange
{
    None,
    OptOut,
    OptIn,
}

/// <summary>A conversation entity's answers.</summary>
public static class ConversationReplies
{
    public interface IReply
    {
        string ConversationId { get; }
    }

    /// <summary>
    /// What was journaled (possibly nothing) and the state after it. <paramref name="AlreadyHad"/>: the message was
    /// in the thread already (handed over again after a crash), so nothing was journaled. <paramref name="LastSequenceNr"/>:
    /// the journal's sequence number of the last of <paramref name="Events"/>, so read models apply each event once.
    /// </summary>
    public sealed record Changed(
        string ConversationId, ConversationState State, IReadOnlyList<ConversationEvents.IConversationEvent> Events, bool AlreadyHad = false, long LastSequenceNr = 0)
        : IReply
    {
        public long FirstSequenceNr => LastSequenceNr - Events.Count + 1;
    }

    /// <summary>Refused, nothing journaled. <paramref name="Conflict"/>: the thread's state forbids it (HTTP 409), else not found.</summary>
    public sealed record Refused(string ConversationId, string Reason, bool Conflict) : IReply;
}
