using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// The audit log: moderators read all of it; an account's own key reads that account's entries (the identity
/// issue narrows this to the organization's admins). Paged by position, oldest first.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultPage = 100;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ListAsync).RequireRoles(Role.Admin, Role.Moderator);
        return app;
    }

    private static async Task<IResult> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, string? account, long? after, int? limit,
        ClaimsPrincipal user, AuditLog log, CancellationToken ct)
    {
        var errors = new ApiErrors();
        if (limit is < 1 or > AuditLog.MaxPage)
            errors.Add("limit", $"from 1 to {AuditLog.MaxPage}");
        if (after is < 0)
            errors.Add("after", "a position from an earlier page's 'next'");
        if (from is not null && to is not null && to <= from)
            errors.Add("to", "must be after 'from'");
        if (errors.Any)
            return errors.Problem();
        var moderator = user.IsInRole(ApiKeyAuthentication.ModeratorRole);
        var own = user.FindFirstValue(ApiKeyAuthentication.AccountClaim);
        if (!moderator && account is not null && account != own)
            return ApiProblems.Field(403, "account", "an account reads only its own audit log");
        var scope = moderator ? account : own;
        var page = limit ?? DefaultPage;
        var items = await log.ListAsync(new AuditFilter(scope, actor, action, from, to), after ?? 0, page, ct);
        return Results.Ok(new
        {
            items = items.Select(a => new
            {
                at = a.At, actor = a.Actor, role = a.ActorRole, action = a.Action, target = a.Target, address = a.Address, accountId = a.AccountId, details = a.Details,
            }),
            next = items.Count == page ? items[^1].Id : (long?)null,
        });
    }
}
