namespace Front.Actors.Engine.Conversations;

/// <summary>A thread as the inbox lists it.</summary>
public sealed record ConversationSummary(
    string Id, string AccountId, string Contact, string OurNumber, int Unread, string? AssignedTo, bool Closed, bool OptedOut,
    string? LastMessage, DateTimeOffset? LastMessageAt)
{
    public static ConversationSummary Of(string id, ConversationState state) =>
        new(id, state.AccountId!, state.Contact!, state.OurNumber!, state.Unread, state.AssignedTo, state.Closed, state.OptedOut, state.LastMessage, state.LastMessageAt);
}

/// <summary>
/// One message in a thread, at <paramref name="Position"/> in the thread's order. <paramref name="Status"/> is the
/// delivery status of a reply (null for inbound).
/// </summary>
public sealed record ThreadMessage(string MessageId, string Direction, string Text, string? Author, string? Keyword, DateTimeOffset At, string? Status, long Position);

/// <summary>
/// One change in an account's inbox, numbered by <paramref name="Position"/>: agents receive these live and
/// ask for those after the last position they saw when they reconnect. <paramref name="Kind"/> is one of
/// message, assignment, read, closed, reopened, opt-out, opt-in, status.
/// </summary>
public sealed record InboxUpdate(long Position, string Kind, ConversationSummary Conversation, ThreadMessage? Message, string? By, DateTimeOffset At);

/// <summary>Pushes inbox updates to the agents of the account (the host's SignalR inbox hub).</summary>
public interface IInboxNotifier
{
    Task NotifyAsync(string accountId, IReadOnlyList<InboxUpdate> updates);
}
