using System.Collections.Concurrent;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Host.Dashboard;

/// <summary>
/// Messages submitted to each operator and delivery reports received, per second over the last minute, for the
/// operations dashboard. It listens to the stored status changes (one of the <see cref="StatusNotifiers"/>).
/// In memory and per node: it starts empty after a restart, and each node counts only the traffic its own pipeline
/// carried (the dashboard says so); the messages table stays the truth for totals.
/// </summary>
public sealed class ThroughputMeter : IStatusNotifier
{
    public const int WindowSeconds = 60;

    // (operator, kind) -> ring of per-second counts, indexed by unix second % window.
    private readonly ConcurrentDictionary<(string Operator, string Kind), Ring> _rings = new();

    public Task NotifyAsync(IReadOnlyList<StatusChange> changes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var change in changes)
        {
            var kind = change.Status switch
            {
                MessageStatus.Submitted => "submitted",
                MessageStatus.Delivered => "delivered",
                MessageStatus.Undeliverable or MessageStatus.Expired or MessageStatus.Rejected when change.Operator is not null => "failed",
                _ => null,
            };
            if (kind is null)
                continue;
            var op = change.Operator?.ToString().ToLowerInvariant() ?? "unknown";
            _rings.GetOrAdd((op, kind), _ => new Ring()).Add(now);
        }
        return Task.CompletedTask;
    }

    /// <summary>Per operator: how many of each kind in the last minute, and the busiest second's submits.</summary>
    public IReadOnlyList<OperatorThroughput> Snapshot()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return _rings.GroupBy(r => r.Key.Operator).OrderBy(g => g.Key).Select(g =>
        {
            long Count(string kind) => g.FirstOrDefault(r => r.Key.Kind == kind).Value?.Sum(now) ?? 0;
            var peak = g.FirstOrDefault(r => r.Key.Kind == "submitted").Value?.Peak(now) ?? 0;
            return new OperatorThroughput(g.Key, Count("submitted"), Count("delivered"), Count("failed"), Math.Round(Count("submitted") / (double)WindowSeconds, 2), peak);
        }).ToList();
    }

    private sealed class Ring
    {
        private readonly long[] _seconds = new long[WindowSeconds];
        private readonly long[] _counts = new long[WindowSeconds];

        public void Add(long second)
        {
            var i = (int)(second % WindowSeconds);
            lock (this)
            {
                if (_seconds[i] != second) { _seconds[i] = second; _counts[i] = 0; }
                _counts[i]++;
            }
        }

        public long Sum(long now)
        {
            lock (this)
                return Enumerable.Range(0, WindowSeconds).Where(i => now - _seconds[i] < WindowSeconds).Sum(i => _counts[i]);
        }

        public long Peak(long now)
        {
            lock (this)
                return Enumerable.Range(0, WindowSeconds).Where(i => now - _seconds[i] < WindowSeconds).Select(i => _counts[i]).DefaultIfEmpty(0).Max();
        }
    }
}

public sealed record OperatorThroughput(string Operator, long Submitted, long Delivered, long Failed, double SubmittedPerSecond, long PeakPerSecond);
