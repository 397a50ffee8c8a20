using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Host.Startup;

/// <summary>The <c>Smpp</c> section: operator binds, and the built-in simulators for local runs.</summary>
public sealed class SmppOptions
{
    public List<BindOptions> Binds { get; init; } = [];
    public SimulatorOptions Simulator { get; init; } = new();

    public sealed class SimulatorOptions
    {
        /// <summary>Start one simulated SMSC per operator on loopback and bind to them (local mode).</summary>
        public bool Enabled { get; init; }
        public int ReceiptDelayMs { get; init; } = 200;

        /// <summary>The agreed maximum of each simulated operator bind, in parts per second.</summary>
        public int MaxMessagesPerSecond { get; init; } = 2_000;

        /// <summary>Keep what the simulators accept (in memory, without bound) so staff can read it (a sign-in code): for trying things, not for load.</summary>
        public bool RecordSubmits { get; init; }
    }
}

/// <summary>The <c>Demo</c> section: the account local mode seeds.</summary>
public sealed class DemoOptions
{
    public string ApiKey { get; init; } = "";

    /// <summary>The key of the moderator local mode seeds (a provider-side role, separate from customer keys).</summary>
    public string ModeratorKey { get; init; } = "";

    /// <summary>The password of the agent local mode seeds (agent@demo); random and printed when empty.</summary>
    public string AgentPassword { get; init; } = "";

    /// <summary>The passwords of admin@demo, marketer@demo, and of moderator@provider and operations@provider (staff); random and printed when empty.</summary>
    public string AdminPassword { get; init; } = "";

    public string MarketerPassword { get; init; } = "";

    public string StaffPassword { get; init; } = "";
}
