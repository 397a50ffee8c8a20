using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Front.Actors.Host.Identity;

/// <summary>Which account an endpoint's role is checked on.</summary>
public enum AccountScope
{
    /// <summary>The route's <c>{id}</c> under <c>/api/v1/accounts/</c>, else the caller's own account.</summary>
    RouteOrOwn,

    /// <summary>Any account: the handler checks the resource's account itself (a conversation's).</summary>
    Any,
}

/// <summary>
/// The caller holds one of <see cref="Roles"/>: a staff role outright, or a customer role on the account the call is
/// about (<see cref="Scope"/>). Both signed-in users and API keys pass through it, by their <c>account-role</c> claims.
/// </summary>
public sealed class AccountRoleRequirement(IReadOnlyList<Role> roles, AccountScope scope) : IAuthorizationRequirement
{
    public IReadOnlyList<Role> Roles { get; } = roles;
    public AccountScope Scope { get; } = scope;

    public bool IsMetBy(ClaimsPrincipal user, string? routeAccount)
    {
        if (user.IsStaff([.. Roles]))
            return true;
        var customer = Roles.Where(r => !r.IsProviderStaff()).ToArray();
        if (customer.Length == 0)
            return false;
        if (Scope == AccountScope.Any)
            return user.AccountsWith(customer).Count > 0;
        var account = routeAccount ?? user.OwnAccount();
        return account is not null && user.HasAccountRole(account, customer);
    }
}

public sealed class AccountRoleHandler : AuthorizationHandler<AccountRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountRoleRequirement requirement)
    {
        if (requirement.IsMetBy(context.User, RouteAccount(context.Resource)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>An account named in the route: <c>/api/v1/accounts/{id}/…</c> only (other routes' ids are messages, threads, items).</summary>
    private static string? RouteAccount(object? resource) =>
        resource is HttpContext http && http.Request.Path.StartsWithSegments("/api/v1/accounts") && http.Request.RouteValues.TryGetValue("id", out var id)
            ? id as string
            : null;
}

public static class AccountRoleEndpoints
{
    /// <summary>Only callers with one of the roles (on the route's account or their own, or as staff) reach the endpoint.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(AccountScope.RouteOrOwn, roles));

    /// <summary>Callers with one of the customer roles on some account (the handler checks which), or staff with one of the staff roles.</summary>
    public static TBuilder RequireRolesOnAnyAccount<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy(AccountScope.Any, roles));

    public static AuthorizationPolicy Policy(AccountScope scope, params Role[] roles) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AccountRoleRequirement(roles, scope)).Build();
}
