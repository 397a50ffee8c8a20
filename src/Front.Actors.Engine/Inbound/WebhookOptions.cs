namespace Front.Actors.Engine.Inbound;

/// <summary>Webhook settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxAttempts { get; set; } = 8;

    /// <summary>One attempt, connect to answer, must finish within this; otherwise it counts as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Plain http targets are accepted (local mode and tests only; customers' webhooks use https).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Loopback addresses (127.0.0.0/8, ::1, localhost) may be reached (local mode and tests only).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key that encrypts webhook secrets in the journal and snapshots.
    /// Every node of a cluster needs the same key. Empty: the key in <see cref="SecretKeyFile"/>, made on first use.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Where the key is kept when <see cref="SecretKey"/> is not given (one node only).</summary>
    public string SecretKeyFile { get; set; } = "./data/webhook-secret.key";
}
