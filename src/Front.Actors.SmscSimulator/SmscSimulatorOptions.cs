using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>How the simulator behaves; all but Host and Port can be changed while it runs with <see cref="SmscSimulator.Configure"/>.</summary>
public sealed record SmscSimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; <see cref="SmscSimulator.Port"/> tells which.</summary>
    public int Port { get; init; }

    /// <summary>The system_id the simulator gives in bind responses.</summary>
    public string SystemId { get; init; } = "SIMSMSC";

    /// <summary>system_id → password. Null accepts any credentials.</summary>
    public IReadOnlyDictionary<string, string>? Credentials { get; init; }

    /// <summary>How long after the submit the receipt is sent.</summary>
    public TimeSpan ReceiptDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public ReceiptOutcomeMix Outcomes { get; init; } = ReceiptOutcomeMix.AllDelivered;

    /// <summary>Above this many submits per second (token bucket, burst of one second's worth), answer ESME_RTHROTTLED.</summary>
    public double? MaxSubmitsPerSecond { get; init; }

    /// <summary>The share of submits refused with <see cref="FailStatus"/>.</summary>
    public double FailFraction { get; init; }

    public CommandStatus FailStatus { get; init; } = CommandStatus.SubmitFailed;

    /// <summary>
    /// The first link to accept this many submits is cut: their responses go out, nothing after them is read.
    /// It happens once per options value; <see cref="SmscSimulator.Configure"/> arms it again.
    /// </summary>
    public int? DropLinkAfterSubmits { get; init; }

    /// <summary>How submit_sm_resp (and the receipted_message_id TLV) write message ids.</summary>
    public MessageIdStyle MessageIds { get; init; } = MessageIdStyle.Hex;

    /// <summary>How receipt text writes the id: often not as the response did, which the engine must normalise.</summary>
    public MessageIdStyle ReceiptIds { get; init; } = MessageIdStyle.Decimal;

    /// <summary>Seed for outcome and failure choices, so a run can be repeated (read once, at start).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Keep every accepted submit for inspection; benchmarks turn this off.</summary>
    public bool RecordSubmits { get; init; } = true;

    /// <summary>Keep only the moment each submit was accepted (<see cref="SmscSimulator.SubmitTimestamps"/>): cheap enough for a million.</summary>
    public bool RecordSubmitTimes { get; init; }

    /// <summary>False swallows submit_sm without an answer (to exercise wait-ack timeouts).</summary>
    public bool RespondToSubmits { get; init; } = true;

    /// <summary>How long a deliver_sm the ESME refused (non-zero deliver_sm_resp or generic_nack) waits before it is sent again.</summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
