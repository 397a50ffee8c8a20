using System.Diagnostics;
using Front.Actors.Domain.Throttling;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// A bind's <see cref="OperatorSecondLimit"/> on the process's clock, shared by the stages that let a part go and that
/// see its answer: never more than the bind's maximum in any second as the operator reads them.
/// </summary>
public sealed class OperatorSecondGate(int perSecond)
{
    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1); // timers tick in milliseconds
    private readonly OperatorSecondLimit _limit = new(Math.Max(1, perSecond));
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _lock = new();

    private TimeSpan Now => Stopwatch.GetElapsedTime(_started);

    /// <summary>Zero: the part may leave now and is counted; otherwise how long to wait before asking again.</summary>
    public TimeSpan Wait()
    {
        lock (_lock)
            return _limit.TryLeave(Now, LookAgain, out var wait) ? TimeSpan.Zero : wait < MinimumWait ? MinimumWait : wait;
    }

    /// <summary>The operator answered a part that left (whatever it answered).</summary>
    public void Answered()
    {
        lock (_lock)
            _limit.Answered(Now);
    }

    /// <summary>Completes once the part may leave (at once when it may now), counted.</summary>
    public Task<T> LeaveAsync<T>(T item) => Wait() is var wait && wait > TimeSpan.Zero ? WaitThenLeaveAsync(item, wait) : Task.FromResult(item);

    private async Task<T> WaitThenLeaveAsync<T>(T item, TimeSpan wait)
    {
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
            wait = Wait();
        }
        return item;
    }
}
