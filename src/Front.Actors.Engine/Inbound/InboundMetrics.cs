using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// How long each step of an inbound message takes, as histograms on the meter <c>Front.Actors.Inbound</c>
/// (<c>dotnet-counters monitor -n Front.Actors.Host --counters Front.Actors.Inbound</c> shows their percentiles):
/// <c>stored</c> (deliver_sm read → its part stored, the operator answered), <c>routed</c> (the number's entity asked),
/// <c>threaded</c> (the conversation journaled, its rows written and pushed to agents) and <c>total</c> (read → pushed).
/// Which step holds the tail is what tells where an agent's wait comes from.
/// </summary>
public sealed class InboundMetrics : IDisposable
{
    public const string MeterName = "Front.Actors.Inbound";
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _steps;

    public InboundMetrics() =>
        _steps = _meter.CreateHistogram<double>("front_actors.inbound.step", "ms", "time an inbound message spent in one step");

    /// <summary>Records the time since <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) for <paramref name="step"/>; returns now.</summary>
    public long Record(string step, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _steps.Record(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds, new KeyValuePair<string, object?>("step", step));
        return now;
    }

    public void Dispose() => _meter.Dispose();
}
