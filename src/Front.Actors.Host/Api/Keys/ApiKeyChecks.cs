namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// What runs right after authentication for customer keys: a key used from outside its ranges is answered 403 with
/// the reason (the authentication handler alone could only say 401), then the per-key rate limit.
/// </summary>
public static class ApiKeyChecks
{
    public static IApplicationBuilder UseApiKeyChecks(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (ApiKeyValidator.RefusalOf(context) is { } reason)
            {
                await ApiProblems.Field(403, "authorization", reason).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }
}
