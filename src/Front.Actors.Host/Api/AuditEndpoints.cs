using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// The audit log: moderators and operations read all of it; an organization's admins (and its accounts' keys, which
/// hold the admin role) read the entries about its accounts and about the organization itself, nothing else.
/// Paged by position, oldest first.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultPage = 100;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", ListAsync).RequireRoles(Role.Admin, Role.Moderator, Role.Operations);
        return app;
    }

    private static async Task<IResult> ListAsync(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, string? account, long? after, int? limit,
        ClaimsPrincipal user, AuditLog log, UserDirectory users, CancellationToken ct)
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
        AuditScope? within = null;
        if (!user.IsStaff(Role.Moderator, Role.Operations))
        {
            var organizations = new List<string>();
            var accounts = new List<string>();
            foreach (var admin in user.AccountsWith(Role.Admin))
                if (await users.OrganizationOfAsync(admin, ct) is { } organization && !organizations.Contains(organization))
                {
                    organizations.Add(organization);
                    accounts.AddRange(await users.AccountsOfAsync(organization, ct));
                }
            if (account is not null && !accounts.Contains(account))
                return ApiProblems.Field(403, "account", "an organization's admins read only its own accounts' audit log");
            within = new AuditScope(accounts, organizations);
        }
        var page = limit ?? DefaultPage;
        var items = await log.ListAsync(new AuditFilter(account, actor, action, from, to, within), after ?? 0, page, ct);
        return Results.Ok(new
        {
            items = items.Select(a => new
            {
                at = a.At, actor = a.Actor, role = a.ActorRole, action = a.Action, target = a.Target, address = a.Address, accountId = a.AccountId, organizationId = a.OrganizationId, details = a.Details,
            }),
            next = items.Count == page ? items[^1].Id : (long?)null,
        });
    }
}
