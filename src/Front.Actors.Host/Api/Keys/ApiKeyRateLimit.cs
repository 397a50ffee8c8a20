using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// Each customer key's request rate: a token bucket per key id (<see cref="ApiKeyOptions.RequestsPerSecond"/>,
/// <see cref="ApiKeyOptions.Burst"/>). Over it: 429 with <c>Retry-After</c> and a problem. Callers without a key id
/// (moderators, agents' sessions, sign-in, anonymous calls) are not limited here. Buckets live in each node's
/// memory: with N nodes behind a balancer a key may reach up to N times the rate.
/// </summary>
public static class ApiKeyRateLimit
{
    public static IServiceCollection AddApiKeyRateLimit(this IServiceCollection services, ApiKeyOptions keys)
    {
        var bucket = Bucket(keys);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                bucket is not null && http.User.FindFirstValue(ApiKeyValidator.KeyIdClaim) is { } keyId
                    ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => bucket)
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : bucket!.ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Field(429, "rate",
                        $"this key may make {keys.RequestsPerSecond.ToString(CultureInfo.InvariantCulture)} requests a second (bursts of {keys.Burst}); try again in {seconds} s")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>
    /// Refilled in small steps (about a tenth of a second's worth, at least one token) so a key is not stalled for a
    /// whole second; a rate below one a second refills one token per 1/rate seconds.
    /// </summary>
    private static TokenBucketRateLimiterOptions? Bucket(ApiKeyOptions keys)
    {
        if (keys.RequestsPerSecond <= 0)
            return null;
        var tokens = Math.Max(1, (int)Math.Round(keys.RequestsPerSecond / 10));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(keys.Burst, tokens),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / keys.RequestsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
