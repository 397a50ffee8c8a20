using System.Diagnostics.Metrics;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// The outbound path's queues as gauges on the meter <c>Front.Actors.Pipeline</c>, for operations staff
/// (<c>dotnet-counters monitor -n Front.Actors.Host --counters Front.Actors.Pipeline</c>, or any OpenTelemetry
/// exporter): where messages wait tells which floor holds the engine back.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Front.Actors.Pipeline";
    private readonly Meter _meter = new(MeterName);

    public PipelineMetrics(OutboundPipeline pipeline, StatusWriter writer, OperatorBinds binds)
    {
        _meter.CreateObservableGauge("front_actors.pipeline.waiting", () => pipeline.InFlight, "{message}",
            "stored messages in this node's lanes and router queue, not yet on a bind's queue");
        _meter.CreateObservableGauge("front_actors.status_writer.backlog", () => writer.Backlog, "{entry}",
            "status entries waiting to be stored");
        _meter.CreateObservableGauge("front_actors.bind.queued", () => binds.All.Select(b => new Measurement<int>(b.Queued,
            new KeyValuePair<string, object?>("bind", b.Name))), "{part}", "parts waiting for a bind's window");
    }

    public string Name => _meter.Name;

    public void Dispose() => _meter.Dispose();
}
