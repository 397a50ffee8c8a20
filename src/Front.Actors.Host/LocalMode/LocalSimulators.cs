using Akka.Actor;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Smpp.Receipts;
using Front.Actors.SmscSimulator;

namespace Front.Actors.Host.LocalMode;

/// <summary>
/// Local mode: one simulated SMSC per operator on loopback, so the engine runs without an operator. The
/// simulators speak real SMPP; the binds to them are ordinary binds.
/// </summary>
public sealed class LocalSimulators : IAsyncDisposable
{
    private readonly List<(Operator Operator, SmscSimulator.SmscSimulator Smsc)> _running = new();

    public IReadOnlyList<(Operator Operator, SmscSimulator.SmscSimulator Smsc)> Running => _running;

    public async Task<IReadOnlyList<BindOptions>> StartAsync(ActorSystem system, TimeSpan receiptDelay, int maxMessagesPerSecond, bool recordSubmits = false)
    {
        foreach (var op in Enum.GetValues<Operator>())
        {
            var smsc = await SmscSimulator.SmscSimulator.StartAsync(system, new SmscSimulatorOptions
            {
                SystemId = $"SIM-{op.ToString().ToUpperInvariant()}",
                ReceiptDelay = receiptDelay,
                RecordSubmits = recordSubmits,
            });
            _running.Add((op, smsc));
        }
        // The simulators answer ids in hex and write receipts in decimal, as many real SMSCs do.
        return _running.Select(r => new BindOptions
        {
            Name = $"{r.Operator.ToString().ToLowerInvariant()}-sim",
            Operator = r.Operator,
            Host = r.Smsc.Host,
            Port = r.Smsc.Port,
            SystemId = "front",
            Password = "local",
            WindowSize = 50,
            MaxMessagesPerSecond = maxMessagesPerSecond,
            SubmitIdFormat = MessageIdFormat.Hex,
            ReceiptIdFormat = MessageIdFormat.Decimal,
        }).ToList();
    }

    public SmscSimulator.SmscSimulator? For(Operator op) => _running.FirstOrDefault(r => r.Operator == op).Smsc;

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, smsc) in _running)
            await smsc.StopAsync();
    }
}
