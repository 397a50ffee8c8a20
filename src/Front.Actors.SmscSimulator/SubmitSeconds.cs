using System.Collections.Concurrent;
using System.Diagnostics;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Submits counted per whole second of one monotonic clock, so a test can check a sender's pace from the
/// SMSC's side without any clock of its own. One small entry per second that saw traffic.
/// </summary>
internal sealed class SubmitSeconds
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<long, Counts> _seconds = new();

    public long CurrentSecond => (long)Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public void Received() => Interlocked.Increment(ref Bucket().Received);

    public void Accepted() => Interlocked.Increment(ref Bucket().Accepted);

    public void Throttled() => Interlocked.Increment(ref Bucket().Throttled);

    public IReadOnlyList<SubmitSecond> Snapshot() => _seconds
        .Select(s => new SubmitSecond(s.Key, Interlocked.Read(ref s.Value.Received), Interlocked.Read(ref s.Value.Accepted), Interlocked.Read(ref s.Value.Throttled)))
        .OrderBy(s => s.Second)
        .ToList();

    private Counts Bucket() => _seconds.GetOrAdd(CurrentSecond, static _ => new Counts());

    private sealed class Counts
    {
        public long Received;
        public long Accepted;
        public long Throttled;
    }
}
