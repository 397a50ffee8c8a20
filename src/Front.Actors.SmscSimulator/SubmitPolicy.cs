using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator;

/// <summary>
/// Decides each submit's fate across all links, as one SMSC would: a token bucket for the rate limit
/// (refilled at the configured rate, holding one second's worth), then the failure share, then the outcome.
/// </summary>
internal sealed class SubmitPolicy(int seed)
{
    private readonly Lock _lock = new();
    private readonly Random _random = new(seed);
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private double _tokens = double.NaN;
    private double _lastRefillSeconds;

    public SubmitDecision Decide(SmscSimulatorOptions options)
    {
        lock (_lock)
        {
            if (options.MaxSubmitsPerSecond is { } rate && !TakeToken(rate))
                return new SubmitDecision(CommandStatus.Throttled, default);
            if (options.FailFraction > 0 && _random.NextDouble() < options.FailFraction)
                return new SubmitDecision(options.FailStatus, default);
            return new SubmitDecision(CommandStatus.Ok, options.Outcomes.Pick(_random.NextDouble()));
        }
    }

    private bool TakeToken(double rate)
    {
        var now = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var capacity = Math.Max(1, rate);
        _tokens = double.IsNaN(_tokens) ? capacity : Math.Min(capacity, _tokens + (now - _lastRefillSeconds) * rate);
        _lastRefillSeconds = now;
        if (_tokens < 1)
            return false;
        _tokens -= 1;
        return true;
    }
}
