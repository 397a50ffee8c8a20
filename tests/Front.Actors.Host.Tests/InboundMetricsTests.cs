using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Front.Actors.Engine.Inbound;

namespace Front.Actors.Host.Tests;

/// <summary>Operations staff can see how long each step of an inbound message took, on the meter <c>Front.Actors.Inbound</c>.</summary>
public class InboundMetricsTests
{
    [Fact]
    public async Task An_inbound_message_records_each_of_its_steps()
    {
        // Every host in this test process shares the meter's name, so the steps are told apart by this message's arrival alone.
        var steps = new ConcurrentDictionary<string, double>();
        var allSteps = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InboundMetrics.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, milliseconds, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "step" && tag.Value is string step)
                    steps[step] = milliseconds;
            if (steps.Count == 4)
                allSteps.TrySetResult();
        });
        listener.Start();
        await using var host = await EngineHost.StartAsync(TestDatabase.Sqlite());

        (await host.Client(EngineHost.ModeratorKey).PostAsJsonAsync("/api/v1/simulator/inbound", new { from = "+4791234567", to = "+4790000001", text = "Hei" }))
            .EnsureSuccessStatusCode();
        await allSteps.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["routed", "stored", "threaded", "total"], steps.Keys.Order());
        Assert.All(steps.Values, milliseconds => Assert.True(milliseconds >= 0));
    }
}
