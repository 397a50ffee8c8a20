using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// An account's API keys for its integrations: create (the key is shown in that answer only), list (never the
/// key or its hash), revoke (refused from the next request on). Who may: the account's admins (an API key holds the
/// admin role on its own account) and moderators.
/// </summary>
public static class KeysEndpoints
{
    public sealed record CreateKeyRequest(string? Name, string[]? AllowedIps);

    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/accounts/{id}/keys").RequireRoles(Role.Admin, Role.Moderator)
            .WithDescription("The account's admins (and its own API keys), or a moderator.");
        keys.MapPost("", CreateAsync).Audited("key.create");
        keys.MapGet("", ListAsync);
        keys.MapDelete("/{keyId}", RevokeAsync).Audited("key.revoke");
        return app;
    }

    private static async Task<IResult> CreateAsync(string id, CreateKeyRequest? body, AccountStore accounts, ApiKeyStore store, CancellationToken ct)
    {
        if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
            return unknown;
        var errors = new ApiErrors();
        var name = body?.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add("name", "required: say what the key is for");
        else if (name.Length > MaxNameLength)
            errors.Add("name", $"at most {MaxNameLength} characters");
        if (!IpRanges.TryParse(body?.AllowedIps, out var ranges, out var reason))
            errors.Add("allowedIps", reason);
        if (errors.Any)
            return errors.Problem();
        var secret = ApiKeyStore.NewSecret();
        var key = ApiKeyStore.NewRecord(id, secret, name, ranges.Written);
        await store.InsertAsync(key, ct);
        return Results.Created($"/api/v1/accounts/{id}/keys/{key.Id}",
            new { id = key.Id, key = secret, name, allowedIps = ranges.Written, createdAt = key.CreatedAt });
    }

    private static async Task<IResult> ListAsync(string id, AccountStore accounts, ApiKeyStore store, ApiKeyUsage usage, CancellationToken ct)
    {
        if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
            return unknown;
        var keys = await store.ListAsync(id, ct);
        return Results.Ok(new
        {
            items = keys.Select(k => new
            {
                id = k.Id, name = k.Name, allowedIps = ApiKeyStore.AllowedIpsOf(k), createdAt = k.CreatedAt, lastUsedAt = usage.LastUsed(k), revokedAt = k.RevokedAt,
            }),
        });
    }

    private static async Task<IResult> RevokeAsync(string id, string keyId, AccountStore accounts, ApiKeyStore store, ApiKeyValidator validator, CancellationToken ct)
    {
        if (await UnknownAccountAsync(id, accounts, ct) is { } unknown)
            return unknown;
        if (await store.RevokeAsync(id, keyId, DateTimeOffset.UtcNow, ct) is null)
            return ApiProblems.Field(404, "keyId", $"account '{id}' has no key '{keyId}'");
        validator.Forget(keyId);
        return Results.NoContent();
    }

    private static async Task<IResult?> UnknownAccountAsync(string id, AccountStore accounts, CancellationToken ct) =>
        (await accounts.ExistingAsync([id], ct)).Count == 0 ? ApiProblems.Field(404, "id", $"no account '{id}'") : null;
}
