using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Persistence;

/// <summary>
/// Makes a read model follow one entity type's events in the journal: takes the journal in its global order from the
/// projection's stored offset (<c>projection_offsets</c>), keeps the events whose persistence id starts with
/// <c>persistenceIdPrefix</c>, and hands them in batches to <c>apply</c>, which writes its rows and the new offset in
/// one transaction. Live, the events come from the actor system's one <see cref="JournalTail"/>, which reads the journal
/// once for every projection. Events are not tagged: with tags the SQL journal writes each event on its own to learn its
/// position (and its tag row after it), which made a persist hundreds of times slower on SQLite under load
/// (the inbox benchmark's p99 went from 14 ms to 1.9 s at 400 msg/s); reading everything and filtering costs reads only. Every node runs one per read model: <c>apply</c> must make a second writer (the live path,
/// another node, or the same events read again from an older offset) change nothing.
/// </summary>
/// <param name="apply">Writes one batch with the offset it reaches; a <see cref="ReadModelConflictException"/> tries the batch again.</param>
public sealed class JournalProjection(
    ActorSystem system, string name, string persistenceIdPrefix, ProjectionOffsets offsets, Func<IReadOnlyList<EventEnvelope>, ProjectionOffsetRecord, Task> apply)
{
    private const int ConflictRetries = 5;

    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(JournalProjection));
    private CancellationTokenSource? _stopping;
    private Task<IDisposable>? _following;

    public string Name => name;

    /// <summary>
    /// Follows the journal until <see cref="Stop"/>, from the stored offset, on the actor system's one shared
    /// <see cref="JournalTail"/>; a database error restarts the tail (with back-off).
    /// </summary>
    public void Start()
    {
        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _following = Task.Run(async () =>
        {
            for (var delay = TimeSpan.FromMilliseconds(200); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
            {
                try
                {
                    var offset = await offsets.OffsetAsync(name, stopping);
                    return JournalTail.For(system).Follow(name, persistenceIdPrefix, offset, (events, reached) => ApplyAsync(events, reached));
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    _log.Warning("Projection {0} could not read its offset ({1}); trying again in {2}", name, e.Message, delay);
                    await Task.Delay(delay, stopping);
                }
            }
        }, stopping);
    }

    public void Stop()
    {
        _stopping?.Cancel();
        _following?.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    /// <summary>Applies every event journaled so far, from the stored offset, and completes; returns the offset reached.</summary>
    public async Task<long> CatchUpAsync(CancellationToken ct = default)
    {
        var start = await offsets.OffsetAsync(name, ct);
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        return await journal.CurrentAllEvents(Offset.Sequence(start))
            .Where(e => e.PersistenceId.StartsWith(persistenceIdPrefix, StringComparison.Ordinal))
            .Grouped(2_000)
            .SelectAsync(1, batch => ApplyAsync(batch.ToList(), ((Sequence)batch.Last().Offset).Value))
            .RunAggregate(start, (_, offset) => offset, system.Materializer());
    }

    private async Task<long> ApplyAsync(IReadOnlyList<EventEnvelope> envelopes, long offset)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await apply(envelopes, new ProjectionOffsetRecord { Name = name, Offset = offset, UpdatedAt = DateTimeOffset.UtcNow });
                return offset;
            }
            catch (ReadModelConflictException e) when (attempt < ConflictRetries)
            {
                _log.Debug("Projection {0} met another writer ({1}); trying again", name, e.Message);
            }
        }
    }

    /// <summary>The entity id of an envelope whose persistence id starts with <paramref name="prefix"/>, or null.</summary>
    public static string? EntityId(EventEnvelope envelope, string prefix) =>
        envelope.PersistenceId.StartsWith(prefix, StringComparison.Ordinal) ? envelope.PersistenceId[prefix.Length..] : null;
}
