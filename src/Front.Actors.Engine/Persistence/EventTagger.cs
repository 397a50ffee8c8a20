using Akka.Persistence.Journal;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// Tags one entity type's events on their way into the SQL journal, so its read model can follow the journal with
/// one <c>EventsByTag</c> query (the journal keeps tags in its tag table, the fast mode for that query). Bound only
/// on the SQL journal: the in-memory journal would replay the <see cref="Tagged"/> wrapper itself. Akka creates
/// adapters by type, so each entity has its own small subclass naming its tag.
/// </summary>
public abstract class EventTagger(string tag) : IWriteEventAdapter
{
    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => new Tagged(evt, [tag]);

    /// <summary>The SQL journal's binding of <paramref name="events"/> (an event interface) to the adapter <paramref name="tagger"/>.</summary>
    public static string Binding(string name, Type tagger, Type events) => $$"""
        akka.persistence.journal.sql {
          event-adapters.{{name}} = "{{tagger.FullName}}, {{tagger.Assembly.GetName().Name}}"
          event-adapter-bindings { "{{events.FullName}}, {{events.Assembly.GetName().Name}}" = {{name}} }
        }
        """;
}
