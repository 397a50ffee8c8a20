namespace Front.Actors.Engine.Conversations;

/// <summary>What a conversation journals; the thread's history is these events in order.</summary>
public static class ConversationEvents
{
    public interface IConversationEvent : Serialization.IPersisted
    {
        DateTimeOffset At { get; }
    }

    public sealed record Opened(string AccountId, string OurNumber, string Contact, DateTimeOffset At) : IConversationEvent;

    public sealed record MessageReceived(string MessageId, string Text, string? Keyword, DateTimeOffset At) : IConversationEvent;

    /// <summary>A reply written by an agent (or an API key, or a rule) and handed to the outbound pipeline as <paramref name="MessageId"/>.</summary>
    public sealed record ReplyWritten(string MessageId, string Text, string Author, DateTimeOffset At) : IConversationEvent;

    public sealed record MarkedRead(string Agent, DateTimeOffset At) : IConversationEvent;

    /// <summary>The thread's agent changed; null <paramref name="Agent"/>: released to the shared inbox.</summary>
    public sealed record AssignmentChanged(string? Agent, string By, DateTimeOffset At) : IConversationEvent;

    public sealed record Closed(string By, DateTimeOffset At) : IConversationEvent;

    public sealed record Reopened(string By, DateTimeOffset At) : IConversationEvent;

    /// <summary>The contact sent a stop word: no more messages from this account's number until they opt in.</summary>
    public sealed record OptedOut(string Word, DateTimeOffset At) : IConversationEvent;

    public sealed record OptedIn(string Word, DateTimeOffset At) : IConversationEvent;
}
