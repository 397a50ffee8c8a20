using Akka.TestKit.Xunit2;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>A simulator on an ephemeral 127.0.0.1 port per test, accepting front/secret, with short delays.</summary>
public abstract class SimulatorTestBase : TestKit, IAsyncLifetime
{
    protected static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // TestKit's default wait (3 s) fails on a busy 2-core machine; a generous bound only slows a real failure.
    protected SimulatorTestBase() : base("akka.test.single-expect-default = 30s")
    {
    }

    protected SmscSimulator Smsc { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Smsc = await SmscSimulator.StartAsync(Sys, new SmscSimulatorOptions
        {
            Credentials = new Dictionary<string, string> { ["front"] = "secret", ["other"] = "secret" },
            ReceiptDelay = TimeSpan.FromMilliseconds(10),
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
        });

    public async Task DisposeAsync() => await Smsc.StopAsync();
}
