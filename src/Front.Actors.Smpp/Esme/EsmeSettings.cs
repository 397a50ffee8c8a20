using Front.Actors.Smpp.Codec;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// One ESME session to one SMSC. Defaults follow what operators expect and Kannel ships:
/// window 10, enquire_link every 30 s, a wait-ack timeout that reconnects.
/// </summary>
public sealed record EsmeSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string SystemId { get; init; }
    public string Password { get; init; } = "";
    public string SystemType { get; init; } = "";
    public BindType BindType { get; init; } = BindType.Transceiver;
    public byte AddrTon { get; init; }
    public byte AddrNpi { get; init; }
    public string AddressRange { get; init; } = "";

    /// <summary>Submits sent and not yet answered, at most.</summary>
    public int WindowSize { get; init; } = 10;

    /// <summary>Submits waiting for room in the window, at most; beyond that a submit is handed back at once.</summary>
    public int MaxQueuedSubmits { get; init; } = 10_000;

    /// <summary>How long a submit_sm may wait for its response (wait-ack) before <see cref="WaitAckAction"/> applies.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public WaitAckAction WaitAckAction { get; init; } = WaitAckAction.Reconnect;

    public LinkLossPolicy LinkLossPolicy { get; init; } = LinkLossPolicy.Requeue;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the SMSC has to answer the bind.</summary>
    public TimeSpan BindTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan EnquireLinkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The link counts as dead when nothing at all has been received for this long.</summary>
    public TimeSpan DeadLinkTimeout { get; init; } = TimeSpan.FromSeconds(75);

    public TimeSpan ReconnectMinBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Each back-off is stretched by a random share up to this, so many binds do not reconnect in step.</summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>The first pause after ESME_RTHROTTLED; it doubles while the SMSC keeps throttling.</summary>
    public TimeSpan ThrottlePause { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ThrottleMaxPause { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long in-flight submits may take to be answered before the unbind.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Inbound deliver_sm held for the consumer; when full, the SMSC is told to retry later (ESME_RX_T_APPN).</summary>
    public int InboundBufferSize { get; init; } = 1_000;

    /// <summary>
    /// Answer a deliver_sm only when the consumer calls <see cref="InboundMessage.Settle"/> (after storing it),
    /// so a crash before that makes the SMSC deliver it again instead of losing it. Off: answered on receipt.
    /// </summary>
    public bool AcknowledgeWhenHandled { get; init; }

    public int MaxPduSize { get; init; } = PduCodec.DefaultMaxPduSize;

    /// <summary>Throws when a value cannot work, naming the setting.</summary>
    public EsmeSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Host is required", nameof(Host));
        if (Port is <= 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "must be 1..65535");
        if (SystemId.Length is 0 or > 15) throw new ArgumentException("SystemId must be 1..15 characters", nameof(SystemId));
        if (Password.Length > 8) throw new ArgumentException("Password must be at most 8 characters", nameof(Password));
        if (SystemType.Length > 12) throw new ArgumentException("SystemType must be at most 12 characters", nameof(SystemType));
        if (WindowSize < 1) throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "must be at least 1");
        if (MaxQueuedSubmits < 0) throw new ArgumentOutOfRangeException(nameof(MaxQueuedSubmits), MaxQueuedSubmits, "must not be negative");
        if (ResponseTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), ResponseTimeout, "must be positive");
        if (EnquireLinkInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(EnquireLinkInterval), EnquireLinkInterval, "must be positive");
        if (DeadLinkTimeout <= EnquireLinkInterval) throw new ArgumentOutOfRangeException(nameof(DeadLinkTimeout), DeadLinkTimeout, "must be longer than EnquireLinkInterval");
        if (ReconnectMinBackoff <= TimeSpan.Zero || ReconnectMaxBackoff < ReconnectMinBackoff) throw new ArgumentOutOfRangeException(nameof(ReconnectMaxBackoff), "back-off must be positive and max at least min");
        if (InboundBufferSize < 1) throw new ArgumentOutOfRangeException(nameof(InboundBufferSize), InboundBufferSize, "must be at least 1");
        return this;
    }
}
