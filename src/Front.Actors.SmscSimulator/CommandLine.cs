using System.Globalization;

namespace Front.Actors.SmscSimulator;

/// <summary>The simulator's command line, parsed by hand: a dozen flags do not need a parser library.</summary>
internal sealed record CommandLine(SmscSimulatorOptions Options, TimeSpan StatsInterval, bool Help)
{
    public const string Usage = """
        Front.Actors SMSC simulator: an SMPP 3.4 server standing in for an operator's SMSC.

          --host <address>             listen address (default 127.0.0.1)
          --port <port>                listen port (default 2775)
          --system-id <id>             system_id given in bind responses (default SIMSMSC)
          --credentials <u:p[,u:p]>    accept only these system_id:password pairs (default: any)
          --receipt-delay-ms <ms>      delay before a delivery receipt (default 100)
          --delivered <w>              weight of DELIVRD receipts (default 1)
          --undeliverable <w>          weight of UNDELIV receipts (default 0)
          --expired <w>                weight of EXPIRED receipts (default 0)
          --throttle-rate <n>          answer ESME_RTHROTTLED above n submits per second
          --fail-fraction <f>          refuse this share of submits with ESME_RSUBMITFAIL (0..1)
          --stats-interval-seconds <s> print counters every s seconds (default 5)
          --help                       this text
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        // Nothing reads the accepted submits of a process run from the command line: keeping them would only grow the heap
        // by one record per message for as long as it runs.
        var options = new SmscSimulatorOptions { Port = 2775, RecordSubmits = false };
        var stats = TimeSpan.FromSeconds(5);
        double delivered = 1, undeliverable = 0, expired = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
                return new CommandLine(options, stats, Help: true);
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{flag} needs a value");
            var value = args[++i];
            switch (flag)
            {
                case "--host": options = options with { Host = value }; break;
                case "--port": options = options with { Port = Int(flag, value, 0, 65535) }; break;
                case "--system-id": options = options with { SystemId = value }; break;
                case "--credentials": options = options with { Credentials = Credentials(value) }; break;
                case "--receipt-delay-ms": options = options with { ReceiptDelay = TimeSpan.FromMilliseconds(Int(flag, value, 0, 86_400_000)) }; break;
                case "--delivered": delivered = Number(flag, value, 0, double.MaxValue); break;
                case "--undeliverable": undeliverable = Number(flag, value, 0, double.MaxValue); break;
                case "--expired": expired = Number(flag, value, 0, double.MaxValue); break;
                case "--throttle-rate": options = options with { MaxSubmitsPerSecond = Number(flag, value, 0.001, double.MaxValue) }; break;
                case "--fail-fraction": options = options with { FailFraction = Number(flag, value, 0, 1) }; break;
                case "--stats-interval-seconds": stats = TimeSpan.FromSeconds(Int(flag, value, 1, 3600)); break;
                default: throw new ArgumentException($"unknown option {flag}");
            }
        }
        return new CommandLine(options with { Outcomes = new ReceiptOutcomeMix(delivered, undeliverable, expired) }, stats, Help: false);
    }

    private static int Int(string flag, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{flag} must be a whole number from {min} to {max}, was '{value}'");

    private static double Number(string flag, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{flag} must be a number from {min} to {max}, was '{value}'");

    private static Dictionary<string, string> Credentials(string value)
    {
        var pairs = new Dictionary<string, string>();
        foreach (var pair in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
                throw new ArgumentException($"--credentials takes system_id:password pairs, got '{pair}'");
            pairs[pair[..colon]] = pair[(colon + 1)..];
        }
        return pairs;
    }
}
