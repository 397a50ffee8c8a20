using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Conversations;

/// <summary>Tags every conversation event, for the <see cref="ConversationProjection"/>.</summary>
public sealed class ConversationEventTagger() : EventTagger(Tag)
{
    public const string Tag = "conversation";

    /// <summary>The binding, added to the SQL journal's configuration by the engine (and by tests that run the real journal).</summary>
    public static readonly string Hocon = Binding("conversation-tagger", typeof(ConversationEventTagger), typeof(ConversationEvents.IConversationEvent));
}
