using Akka.Persistence.Journal;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// Tags every conversation event on its way into the SQL journal, so the conversation read model can follow the
/// journal with one <c>EventsByTag</c> query (the journal keeps tags in its tag table, the fast mode for that query).
/// Bound only on the SQL journal: the in-memory journal would replay the <see cref="Tagged"/> wrapper itself.
/// </summary>
public sealed class ConversationEventTagger : IWriteEventAdapter
{
    public const string Tag = "conversation";

    /// <summary>The binding, added to the SQL journal's configuration by the engine (and by tests that run the real journal).</summary>
    public const string Hocon = """
        akka.persistence.journal.sql {
          event-adapters.conversation-tagger = "Front.Actors.Engine.Conversations.ConversationEventTagger, Front.Actors.Engine"
          event-adapter-bindings { "Front.Actors.Engine.Conversations.ConversationEvents+IConversationEvent, Front.Actors.Engine" = conversation-tagger }
        }
        """;

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => new Tagged(evt, [Tag]);
}
