namespace Front.Actors.Engine.Conversations;

/// <summary>
/// A chat thread's current state (its messages live in the read model, not in memory). Pure: events are
/// applied here and the rules for assignment and opt-out are decided here, so they are tested without actors.
/// </summary>
public sealed record ConversationState(
    string? AccountId,
    string? OurNumber,
    string? Contact,
    long Messages,
    int Unread,
    string? AssignedTo,
    bool Closed,
    bool OptedOut,
    string? LastMessage,
    DateTimeOffset? LastMessageAt,
    IReadOnlyList<string>? Recent = null) : Serialization.IPersisted
{
    /// <summary>How many of the latest message ids the thread remembers, to know a message handed to it again.</summary>
    public const int RememberedIds = 32;

    public static ConversationState Empty { get; } = new(null, null, null, 0, 0, null, false, false, null, null);

    /// <summary>True when the thread already has this message (inbound or reply): a repeat after a crash changes nothing.</summary>
    public bool Has(string messageId) => Recent?.Contains(messageId) == true;

    /// <summary>The latest ids with this one, in one exactly sized array: a new state per message keeps it for seconds.</summary>
    private string[] Remember(string messageId)
    {
        var recent = Recent ?? [];
        var kept = Math.Min(recent.Count, RememberedIds - 1);
        var ids = new string[kept + 1];
        for (var i = 0; i < kept; i++)
            ids[i] = recent[recent.Count - kept + i];
        ids[kept] = messageId;
        return ids;
    }

    public bool Exists => AccountId is not null;

    public ConversationState Apply(ConversationEvents.IConversationEvent @event) => @event switch
    {
        ConversationEvents.Opened e => this with { AccountId = e.AccountId, OurNumber = e.OurNumber, Contact = e.Contact },
        ConversationEvents.MessageReceived e => this with { Messages = Messages + 1, Unread = Unread + 1, LastMessage = e.Text, LastMessageAt = e.At, Recent = Remember(e.MessageId) },
        ConversationEvents.ReplyWritten e => this with { Messages = Messages + 1, Unread = 0, LastMessage = e.Text, LastMessageAt = e.At, Recent = Remember(e.MessageId) },
        ConversationEvents.MarkedRead => this with { Unread = 0 },
        ConversationEvents.AssignmentChanged e => this with { AssignedTo = e.Agent },
        ConversationEvents.Closed => this with { Closed = true },
        ConversationEvents.Reopened => this with { Closed = false },
        ConversationEvents.OptedOut => this with { OptedOut = true },
        ConversationEvents.OptedIn => this with { OptedOut = false },
        _ => this,
    };

    /// <summary>Why the agent may not take the thread, or null. Taking one's own thread again is allowed.</summary>
    public string? RefuseClaim(string agent) =>
        AssignedTo is { } other && other != agent ? $"the conversation is assigned to {other}" : null;

    /// <summary>Why the agent may not hand the thread on (release or transfer), or null: only its assignee may.</summary>
    public string? RefuseHandOver(string agent) => AssignedTo switch
    {
        null => "the conversation is not assigned",
        var assignee when assignee != agent => $"the conversation is assigned to {assignee}",
        _ => null,
    };

    public string? RefuseReply() => OptedOut ? $"{Contact} opted out of messages from {OurNumber}" : null;
}
