namespace Front.Actors.Host.Api.Keys;

/// <summary>Customers' API keys (section <c>ApiKeys</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>Requests a second one key may make, on average (fractions allowed: 0.5 is one every two seconds); 0 turns the limit off.</summary>
    public double RequestsPerSecond { get; set; } = 100;

    /// <summary>Requests a key may make at once after being idle, above the average.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// How long a node trusts a key it has read. A revoke on this node takes effect at once; another node of a
    /// cluster may accept the revoked key for up to this long (0: read the key on every request).
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often last-used times gathered in memory are written (each key's time is noted at most once a minute).</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromMinutes(1);
}
