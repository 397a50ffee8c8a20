using System.Security.Claims;
using System.Text.Json;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An organization's users and their roles per account, managed by the admins of its accounts; the provider's staff
/// (roles given on <c>"provider"</c>: <c>{"provider": "moderator"}</c>) by moderators and operations. A role value is
/// one role name or a list of them. Changing a user's roles or removing the user closes their hub connections.
/// </summary>
public static class UsersEndpoints
{
    public sealed record CreateUserRequest(string? UserName, string? Password, string? DisplayName, Dictionary<string, JsonElement>? Roles, string? Mobile = null);

    /// <summary>The user's mobile number for sign-in codes; null or empty removes it.</summary>
    public sealed record MobileRequest(string? Mobile);

    public sealed record RolesRequest(Dictionary<string, JsonElement>? Roles);

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").RequireRolesOnAnyAccount(Role.Admin, Role.Moderator, Role.Operations);
        users.MapPost("", CreateAsync).Audited("user.create", c => c.Arguments.OfType<CreateUserRequest>().FirstOrDefault()?.UserName?.Trim());
        users.MapGet("", ListAsync);
        users.MapPut("{userName}/roles", SetRolesAsync).Audited("user.roles");
        users.MapPut("{userName}/mobile", SetMobileAsync).Audited("user.mobile");
        users.MapDelete("{userName}", DeleteAsync).Audited("user.delete");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest? body, ClaimsPrincipal caller, UserDirectory users, UserAuthority authority, CancellationToken ct)
    {
        var errors = new ApiErrors();
        var userName = body?.UserName?.Trim() ?? "";
        if (userName.Length is < 3 or > 100 || userName.Any(char.IsWhiteSpace))
            errors.Add("userName", "3 to 100 characters without spaces");
        if (PasswordPolicy.Refuse(userName, body?.Password) is { } weak)
            errors.Add("password", weak);
        var mobile = ParseMobile(body?.Mobile, errors);
        var roles = ParseRoles(body?.Roles, errors);
        if (roles is { Count: 0 })
            errors.Add("roles", "at least one role: {\"<accountId>\": \"admin\" | \"marketer\" | \"agent\"}");
        if (errors.Any)
            return errors.Problem();
        var (organization, refused) = await OrganizationForAsync(roles!, caller, users, authority, ct);
        if (refused is not null)
            return refused;
        var displayName = string.IsNullOrWhiteSpace(body!.DisplayName) ? userName : body.DisplayName.Trim();
        var (user, status, field, reason) = await users.CreateAsync(organization!, userName, displayName, body.Password!, roles!, mobile, ct);
        return user is null ? ApiProblems.Field(status, field!, reason!) : Results.Json(View(user, roles!), statusCode: 201);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, UserDirectory users, CancellationToken ct)
    {
        var organizations = new List<string>();
        if (UserAuthority.ManagesStaff(caller))
            organizations.Add(OrganizationRecord.ProviderId);
        var admin = caller.AccountsWith(Role.Admin);
        foreach (var account in admin)
            if (await users.OrganizationOfAsync(account, ct) is { } organization && !organizations.Contains(organization))
                organizations.Add(organization);
        var items = new List<object>();
        foreach (var organization in organizations)
            foreach (var (user, roles) in await users.ListAsync(organization, ct))
            {
                // An admin sees the roles on the accounts they administer, not the rest of the user's access.
                var shown = organization == OrganizationRecord.ProviderId ? roles : roles.Where(r => r.AccountId is not null && admin.Contains(r.AccountId)).ToList();
                items.Add(View(user, shown));
            }
        return Results.Ok(new { items });
    }

    private static async Task<IResult> SetRolesAsync(string userName, RolesRequest? body, ClaimsPrincipal caller, UserDirectory users, UserAuthority authority,
        HubConnections connections, CancellationToken ct)
    {
        if (await users.FindAsync(userName, ct) is not { } target)
            return ApiProblems.Field(404, "userName", $"no user '{userName}'");
        if (await authority.RefuseManagingAsync(caller, target, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        if (body?.Roles is null)
            errors.Add("roles", "required: {\"<accountId>\": \"admin\" | \"marketer\" | \"agent\"} ({} takes every role you gave away)");
        var roles = ParseRoles(body?.Roles, errors);
        if (errors.Any)
            return errors.Problem();
        var staff = target.OrganizationId == OrganizationRecord.ProviderId;
        IReadOnlyList<string>? scope = null;
        if (staff)
        {
            if (roles!.Any(r => !r.Role.IsProviderStaff()))
                return ApiProblems.Field(400, "roles", "provider staff hold only moderator and operations, on \"provider\"");
        }
        else
        {
            scope = await authority.AdminAccountsAsync(caller, target.OrganizationId, ct);
            var outside = roles!.Where(r => r.AccountId is null || !scope.Contains(r.AccountId)).Select(r => r.AccountId ?? OrganizationRecord.ProviderId).Distinct().ToList();
            if (outside.Count > 0)
                return ApiProblems.Field(403, "roles", $"you do not administer these accounts of the user's organization: {string.Join(", ", outside)}");
        }
        await users.SetRolesAsync(target, roles!, scope, ct);
        connections.AbortUser(target.Id); // withdrawn access ends at once on the hubs too; the client reconnects with what is left
        return Results.Ok(View(target, await users.RolesOfAsync(target.Id, ct)));
    }

    /// <summary>Sets or removes the number sign-in codes go to; managed like roles (a user cannot move their own codes elsewhere unless they manage themselves).</summary>
    private static async Task<IResult> SetMobileAsync(string userName, MobileRequest? body, ClaimsPrincipal caller, UserDirectory users, UserAuthority authority, CancellationToken ct)
    {
        if (await users.FindAsync(userName, ct) is not { } target)
            return ApiProblems.Field(404, "userName", $"no user '{userName}'");
        if (await authority.RefuseManagingAsync(caller, target, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var mobile = ParseMobile(body?.Mobile, errors);
        if (errors.Any)
            return errors.Problem();
        await users.SetMobileAsync(target, mobile, ct);
        target.Mobile = mobile;
        return Results.Ok(View(target, await users.RolesOfAsync(target.Id, ct)));
    }

    /// <summary>A mobile number as E.164 (Norwegian without +47 too), null when none was given; a landline or nonsense is an error on <c>mobile</c>.</summary>
    private static string? ParseMobile(string? written, ApiErrors errors)
    {
        if (string.IsNullOrWhiteSpace(written))
            return null;
        if (Domain.Numbers.MobileNumberParser.TryParse(written, out var number, out var reason))
            return number.E164;
        errors.Add("mobile", $"{reason}: a mobile number such as +4791234567");
        return null;
    }

    private static async Task<IResult> DeleteAsync(string userName, ClaimsPrincipal caller, UserDirectory users, UserAuthority authority, SessionStore sessions, CancellationToken ct)
    {
        if (await users.FindAsync(userName, ct) is not { } target)
            return ApiProblems.Field(404, "userName", $"no user '{userName}'");
        if (await authority.RefuseManagingAsync(caller, target, ct) is { } refused)
            return refused;
        if (caller.FindFirstValue(IdentityClaims.UserId) == target.Id)
            return ApiProblems.Field(409, "userName", "you cannot remove yourself");
        await users.DisableAsync(target, ct);
        await sessions.RevokeAllAsync(target.Id, ct: ct);
        return Results.NoContent();
    }

    /// <summary>
    /// The organization a new user joins, from the roles asked for: every account must be one the caller administers,
    /// all of one organization; staff roles (on "provider") only from staff, and never mixed with customer roles.
    /// </summary>
    private static async Task<(string? Organization, IResult? Refused)> OrganizationForAsync(IReadOnlyList<RoleGrant> roles, ClaimsPrincipal caller, UserDirectory users,
        UserAuthority authority, CancellationToken ct)
    {
        if (roles.All(r => r.AccountId is null))
            return UserAuthority.ManagesStaff(caller)
                ? (OrganizationRecord.ProviderId, null)
                : (null, ApiProblems.Field(403, "roles", "provider staff are created by moderators and operations"));
        if (roles.Any(r => r.AccountId is null))
            return (null, ApiProblems.Field(400, "roles", "a user is either provider staff or of a customer organization, not both"));
        string? organization = null;
        foreach (var account in roles.Select(r => r.AccountId!).Distinct())
        {
            if (!caller.HasAccountRole(account, Role.Admin))
                return (null, ApiProblems.Field(403, "roles", $"you are not an admin of account '{account}'"));
            var of = await users.OrganizationOfAsync(account, ct);
            if (of is null)
                return (null, ApiProblems.Field(400, "roles", $"no account '{account}'"));
            if (organization is not null && of != organization)
                return (null, ApiProblems.Field(400, "roles", "all accounts must belong to one organization"));
            organization = of;
        }
        return (organization, null);
    }

    /// <summary>
    /// <c>{"demo": "admin", "demo2": ["marketer", "agent"], "provider": "moderator"}</c> as grants; staff roles only on
    /// "provider" and customer roles only on accounts. Errors are named <c>roles.&lt;account&gt;</c>.
    /// </summary>
    private static List<RoleGrant>? ParseRoles(Dictionary<string, JsonElement>? written, ApiErrors errors)
    {
        var grants = new List<RoleGrant>();
        foreach (var (account, value) in written ?? [])
        {
            var names = value.ValueKind switch
            {
                JsonValueKind.String => [value.GetString()],
                JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(v => v.GetString()).ToList(),
                _ => null,
            };
            if (names is null)
            {
                errors.Add($"roles.{account}", "a role name or a list of role names");
                continue;
            }
            foreach (var name in names)
            {
                var staff = account == OrganizationRecord.ProviderId;
                switch (RoleNames.FromWire(name))
                {
                    case { } role when role.IsProviderStaff() == staff:
                        grants.Add(new RoleGrant(staff ? null : account.Trim(), role));
                        break;
                    default:
                        errors.Add($"roles.{account}", staff ? "\"moderator\" or \"operations\"" : "\"admin\", \"marketer\" or \"agent\"");
                        break;
                }
            }
        }
        return errors.Any ? null : grants.Distinct().ToList();
    }

    private static object View(UserRecord user, IReadOnlyList<RoleGrant> roles) => new
    {
        userName = user.UserName,
        displayName = user.DisplayName,
        mobile = user.Mobile,
        roles = roles.GroupBy(r => r.AccountId ?? OrganizationRecord.ProviderId)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Role.ToWire() : g.Select(r => r.Role.ToWire()).ToArray()),
        createdAt = user.CreatedAt,
    };
}
