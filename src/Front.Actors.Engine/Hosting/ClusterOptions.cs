namespace Front.Actors.Engine.Hosting;

/// <summary>
/// Where this node listens for other nodes and which nodes it joins (<c>Cluster</c> in configuration).
/// No seeds: a one-node cluster joined to itself.
/// </summary>
public sealed record NodeOptions
{
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port, which lets several hosts run side by side in tests.</summary>
    public int Port { get; init; }

    public string[] Seeds { get; init; } = [];

    /// <summary>How long an account, thread or number entity stays in memory with no message before its shard stops it.</summary>
    public TimeSpan IdleEntitiesAfter { get; init; } = TimeSpan.FromMinutes(2);
}
