using System.Threading.Channels;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Esme;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// The node's SMPP binds to the operators: one ESME session each, whether each is up, and the traffic they
/// bring in, split at the door: receipts to <see cref="ReceiptIntake"/>, mobile-originated messages to
/// <see cref="MobileOriginated"/> for the inbound pipeline. Bind state lives in memory, per node.
/// </summary>
public sealed class OperatorBinds(ActorSystem system, ReceiptIntake receipts) : IAsyncDisposable
{
    private readonly IMaterializer _materializer = system.Materializer(namePrefix: "binds");
    private readonly List<OperatorBind> _binds = new();
    private readonly Channel<MobileOriginated> _mobileOriginated = Channel.CreateBounded<MobileOriginated>(new BoundedChannelOptions(10_000));
    private readonly Lock _availabilityLock = new();
    private TaskCompletionSource _anyUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<OperatorBind> All => _binds;

    public bool AllUp => _binds.Count > 0 && _binds.All(b => b.IsUp);

    /// <summary>Inbound messages (MO) from every bind; bounded, so a flood back-pressures the binds.</summary>
    public ChannelReader<MobileOriginated> MobileOriginated => _mobileOriginated.Reader;

    public void Start(IEnumerable<BindOptions> binds)
    {
        foreach (var options in binds)
        {
            var bind = new OperatorBind(options);
            bind.Client = EsmeClient.Start(system, new EsmeSettings
            {
                Host = options.Host,
                Port = options.Port,
                SystemId = options.SystemId,
                Password = options.Password,
                SystemType = options.SystemType,
                WindowSize = options.WindowSize,
                // Receipts and inbound messages are answered once stored, so a crash makes the operator resend them.
                AcknowledgeWhenHandled = true,
            }, $"bind-{options.Name}", state => OnBindState(bind, state));
            _binds.Add(bind);
            bind.Client.Inbound
                .SelectAsync(16, async m =>
                {
                    if (m.IsReceipt)
                        await receipts.HandleAsync(bind, m);
                    else
                        await _mobileOriginated.Writer.WriteAsync(new MobileOriginated(bind.Name, bind.Operator, m.Pdu, m.Settle));
                    return Done.Instance;
                })
                .RunWith(Sink.Ignore<Done>(), _materializer);
        }
    }

    /// <summary>Completes when at least one bind is up.</summary>
    public Task WhenAnyUp()
    {
        lock (_availabilityLock)
            return _anyUp.Task;
    }

    private void OnBindState(OperatorBind bind, LinkState state)
    {
        bind.SetState(state);
        lock (_availabilityLock)
        {
            if (state == LinkState.Bound)
                _anyUp.TrySetResult();
            else if (_anyUp.Task.IsCompleted && !_binds.Any(b => b.IsUp))
                _anyUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_binds.Select(b => b.Client.StopAsync()));
        _mobileOriginated.Writer.TryComplete();
    }
}
