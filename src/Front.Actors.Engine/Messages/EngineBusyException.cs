namespace Front.Actors.Engine.Messages;

/// <summary>
/// The engine cannot take new work now (storage is failing or its status queue is backed up). Nothing of the
/// request was kept; the caller should try again after <see cref="RetryAfter"/> (with the same clientRef, if any).
/// </summary>
public sealed class EngineBusyException(string reason, TimeSpan retryAfter, Exception? inner = null) : Exception(reason, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
