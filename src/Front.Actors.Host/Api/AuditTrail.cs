using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// Records an endpoint's action in the audit log once it has succeeded (a 2xx answer): who (name and role), what
/// (<c>action</c>, the target from the route, the request's fields with secrets masked), when, from which address,
/// and which account it concerns (the route's account, else the caller's own, else the provider as a whole).
/// The entry is written before the answer leaves, so an action the client saw succeed is in the log.
/// </summary>
public static class AuditTrail
{
    private static readonly string[] SecretWords = ["secret", "password", "key", "token"];

    /// <param name="target">What the action was on, when the route does not say (a body field).</param>
    /// <param name="account">The account the action concerns, when neither the route nor the answer says.</param>
    /// <param name="organization">The organization the action concerns, when the route (<c>/api/v1/organizations/{id}</c>) does not say.</param>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, Func<EndpointFilterInvocationContext, string?>? target = null,
        Func<EndpointFilterInvocationContext, string?>? account = null, Func<EndpointFilterInvocationContext, string?>? organization = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: var status } && (status ?? 200) is >= 200 and < 300)
                await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().RecordAsync(Entry(context, result, action, target, account, organization), context.HttpContext.RequestAborted);
            return result;
        });

    private static AuditRecord Entry(EndpointFilterInvocationContext context, object? result, string action,
        Func<EndpointFilterInvocationContext, string?>? target, Func<EndpointFilterInvocationContext, string?>? account, Func<EndpointFilterInvocationContext, string?>? organization)
    {
        var http = context.HttpContext;
        var user = http.User;
        var route = http.Request.RouteValues;
        var accountId = account?.Invoke(context)
            ?? (route.TryGetValue("id", out var id) && http.Request.Path.StartsWithSegments("/api/v1/accounts") && id is string routed ? routed : null)
            ?? AccountIn(result) ?? user.FindFirstValue(ApiKeyAuthentication.AccountClaim) ?? AuditLog.ProviderScope;
        return new AuditRecord
        {
            At = DateTimeOffset.UtcNow,
            AccountId = accountId,
            // A signed-in user by user name (display names are not unique); a key or configured moderator by its name.
            Actor = user.FindFirstValue(Identity.IdentityClaims.UserName) ?? user.Identity?.Name ?? "anonymous",
            ActorRole = RoleOf(user, accountId),
            Action = action,
            Target = target?.Invoke(context) ?? string.Join('/', route.Values.OfType<string>()),
            Address = http.Connection.RemoteIpAddress?.ToString() ?? "",
            Details = DetailsOf(context.Arguments),
            OrganizationId = organization?.Invoke(context)
                ?? (route.TryGetValue("id", out var org) && http.Request.Path.StartsWithSegments("/api/v1/organizations") && org is string named ? named : null),
        };
    }

    /// <summary>The account an answer names (a decided item's, a number's owner), when the route does not.</summary>
    private static string? AccountIn(object? result)
    {
        if (result is not IValueHttpResult { Value: { } value })
            return null;
        var property = value.GetType().GetProperties().FirstOrDefault(p => p.Name is "accountId" or "AccountId" or "ownerAccountId" or "OwnerAccountId");
        return property?.GetValue(value) as string;
    }

    /// <summary>
    /// What the caller acted as: staff roles, a user's roles on the account the action concerns (a user with roles on
    /// several accounts is recorded with those of the one acted for; all of them where the action concerns none), an
    /// account's key.
    /// </summary>
    private static string RoleOf(ClaimsPrincipal user, string accountId)
    {
        var staff = new[] { "moderator", "operations" }.Where(user.IsInRole).ToList();
        if (staff.Count > 0)
            return string.Join(',', staff);
        if (user.HasClaim(c => c.Type == Identity.IdentityClaims.UserName))
        {
            var roles = user.FindAll(Identity.IdentityClaims.AccountRole).Select(c => c.Value).ToList();
            var onAccount = roles.Where(v => v.StartsWith(accountId + ":", StringComparison.Ordinal)).ToList();
            return string.Join(',', (onAccount.Count > 0 ? onAccount : roles).Select(v => v[(v.LastIndexOf(':') + 1)..]).Distinct().Order());
        }
        return user.HasClaim(c => c.Type == ApiKeyAuthentication.AccountClaim) ? "account-key" : "anonymous";
    }

    /// <summary>The request bodies among the arguments, as JSON, with secrets masked.</summary>
    private static string? DetailsOf(IList<object?> arguments)
    {
        var bodies = arguments.Where(a => a is not null && a.GetType().Name.EndsWith("Request", StringComparison.Ordinal)).ToList();
        if (bodies.Count == 0)
            return null;
        var node = JsonSerializer.SerializeToNode(bodies.Count == 1 ? bodies[0] : bodies, JsonSerializerOptions.Web);
        Mask(node);
        return node?.ToJsonString();
    }

    private static void Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                    if (value is not null && SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
                        obj[name] = "***";
                    else
                        Mask(value);
                break;
            case JsonArray array:
                foreach (var item in array)
                    Mask(item);
                break;
        }
    }
}
