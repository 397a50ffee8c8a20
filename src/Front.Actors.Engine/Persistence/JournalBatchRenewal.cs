using System.Linq.Expressions;
using System.Reflection;
using Akka.Persistence;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// Gives an entity a young list for its next journal write. Akka.Persistence collects an entity's events for the journal
/// in a list it allocates right after its previous write (<c>Eventsourced._journalBatch</c>). A chat thread waits seconds
/// between messages, so by its next write that list has been promoted; the array the write then grows in it is young,
/// and once the journal is done with it the dead old list still keeps that array, and through it the events, their
/// envelopes and their sender, alive past every gen-0 collection until a gen-1 one (nepotism). An empty list is replaced
/// by a new one only when it has left gen 0, so nothing changes for Akka: it is an empty list either way.
/// </summary>
internal static class JournalBatchRenewal
{
    private static readonly FieldInfo? Field = typeof(Eventsourced).GetField("_journalBatch", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly Func<Eventsourced, List<IPersistentEnvelope>>? Read = Field is null ? null : Getter(Field);
    private static readonly Action<Eventsourced, List<IPersistentEnvelope>>? Write = Field is null ? null : Setter(Field);

    /// <summary>False when this Akka.Persistence no longer has the field (a test says so, so an upgrade notices).</summary>
    public static bool Supported => Read is not null;

    public static void Renew(Eventsourced entity)
    {
        if (Read is null || Write is null)
            return;
        var batch = Read(entity);
        if (batch.Count == 0 && GC.GetGeneration(batch) > 0)
            Write(entity, new List<IPersistentEnvelope>(0));
    }

    private static Func<Eventsourced, List<IPersistentEnvelope>> Getter(FieldInfo field)
    {
        var entity = Expression.Parameter(typeof(Eventsourced));
        return Expression.Lambda<Func<Eventsourced, List<IPersistentEnvelope>>>(Expression.Field(entity, field), entity).Compile();
    }

    private static Action<Eventsourced, List<IPersistentEnvelope>> Setter(FieldInfo field)
    {
        var entity = Expression.Parameter(typeof(Eventsourced));
        var list = Expression.Parameter(typeof(List<IPersistentEnvelope>));
        return Expression.Lambda<Action<Eventsourced, List<IPersistentEnvelope>>>(Expression.Assign(Expression.Field(entity, field), list), entity, list).Compile();
    }
}
