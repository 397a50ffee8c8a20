using Akka.Actor;
using Akka.Persistence.Query;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>
/// Makes the numbers' read model follow the number journal: reads the tagged events from its stored offset and applies
/// them through <see cref="NumberReadModel"/> with the new offset in the same transaction. Normally the service has
/// written each change already and this only moves the offset on; after a crash between a journal write and the read
/// model it writes what was skipped, once.
/// </summary>
public sealed class NumberProjection
{
    public const string Name = "numbers";
    private const string PersistenceIdPrefix = "short-number-";

    private readonly NumberReadModel _readModel;
    private readonly JournalProjection _projection;

    public NumberProjection(ActorSystem system, NumberReadModel readModel)
    {
        _readModel = readModel;
        _projection = new JournalProjection(system, Name, PersistenceIdPrefix, readModel.Offsets, ApplyAsync);
    }

    /// <inheritdoc cref="JournalProjection.Start"/>
    public void Start() => _projection.Start();

    public void Stop() => _projection.Stop();

    /// <inheritdoc cref="JournalProjection.CatchUpAsync"/>
    public Task<long> CatchUpAsync(CancellationToken ct = default) => _projection.CatchUpAsync(ct);

    private Task ApplyAsync(IReadOnlyList<EventEnvelope> envelopes, ProjectionOffsetRecord offset) => _readModel.ApplyAsync(Changes(envelopes), offset);

    /// <summary>Adjacent events of one number become one change.</summary>
    private static List<NumberChange> Changes(IReadOnlyList<EventEnvelope> envelopes)
    {
        var changes = new List<NumberChange>();
        foreach (var envelope in envelopes)
        {
            if (envelope.Event is not ShortNumberEvents.IShortNumberEvent @event || JournalProjection.EntityId(envelope, PersistenceIdPrefix) is not { } number)
                continue;
            if (changes.Count > 0 && changes[^1] is var last && last.Number == number && last.FirstSequenceNr + last.Events.Count == envelope.SequenceNr)
                changes[^1] = last with { Events = [.. last.Events, @event] };
            else
                changes.Add(new NumberChange(number, envelope.SequenceNr, [@event]));
        }
        return changes;
    }
}
