using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Domain.Throttling;

namespace Front.Actors.Engine.Pipeline;

/// <summary>Akka's throttle shaped as <see cref="TokenBucket"/> is: never more than the limit in any one second.</summary>
public static class LimitThrottle
{
    public static Source<T, TMat> ThrottleToLimit<T, TMat>(this Source<T, TMat> source, int perSecond)
    {
        var (burst, refill) = TokenBucket.ShapeOf(Math.Max(1, perSecond));
        return source.Throttle(refill, TokenBucket.Period, burst, ThrottleMode.Shaping);
    }
}
