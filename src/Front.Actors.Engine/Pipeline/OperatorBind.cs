using System.Threading.Channels;
using Front.Actors.Domain.Routing;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Engine.Pipeline;

/// <summary>One live bind: its ESME session, the queue of parts waiting for it, and whether it is up.</summary>
public sealed class OperatorBind
{
    private volatile LinkState _state = LinkState.Disconnected;

    internal OperatorBind(BindOptions options)
    {
        Options = options;
        Normalizer = new MessageIdNormalizer(options.SubmitIdFormat, options.ReceiptIdFormat);
        // Bounded: when an operator is slow the router waits instead of filling memory.
        Queue = Channel.CreateBounded<PartSubmit>(new BoundedChannelOptions(options.WindowSize * 4 + options.MaxMessagesPerSecond) { SingleReader = true });
    }

    public BindOptions Options { get; }
    public string Name => Options.Name;
    public Operator Operator => Options.Operator;
    public MessageIdNormalizer Normalizer { get; }
    public EsmeClient Client { get; internal set; } = null!;
    internal Channel<PartSubmit> Queue { get; }

    /// <summary>Parts waiting for this bind's window.</summary>
    public int Queued => Queue.Reader.Count;

    public LinkState State => _state;
    public bool IsUp => _state == LinkState.Bound;

    internal void SetState(LinkState state) => _state = state;

    public BindAvailability Availability => new(Name, Operator, IsUp);
}
