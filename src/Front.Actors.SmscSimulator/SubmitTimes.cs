using System.Diagnostics;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// The moment each submit was accepted, as a monotonic timestamp in chunks of plain longs: what a benchmark needs to
/// measure a sender's pace over a million submits without keeping a million PDUs (whose garbage collections paused the
/// simulator and bunched the submits it then read, inflating the most counted in one second).
/// </summary>
internal sealed class SubmitTimes
{
    private const int ChunkSize = 65_536;
    private readonly List<long[]> _chunks = new();
    private readonly Lock _lock = new();
    private int _count;

    public void Add(long timestamp)
    {
        lock (_lock)
        {
            if (_count % ChunkSize == 0)
                _chunks.Add(new long[ChunkSize]);
            _chunks[^1][_count % ChunkSize] = timestamp;
            _count++;
        }
    }

    /// <summary>The accepted moments so far, in order, as <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public long[] Snapshot()
    {
        lock (_lock)
        {
            var times = new long[_count];
            for (var i = 0; i < _count; i++)
                times[i] = _chunks[i / ChunkSize][i % ChunkSize];
            return times;
        }
    }
}
