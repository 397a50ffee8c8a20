using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// Organizations: operations staff create them with their organisasjonsnummer (checked by its mod-11 rule) and list them;
/// an organization's admins, or operations, read and set its security settings (a code by SMS at sign-in, and the
/// ranges it is not asked from).
/// </summary>
public static class OrganizationsEndpoints
{
    public sealed record CreateOrganizationRequest(string? Name, string? OrganizationNumber);

    public sealed record SecurityRequest(bool? RequireTwoFactor, List<string?>? TrustedIpRanges);

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/organizations", CreateAsync).RequireRoles(Role.Operations)
            .Audited("organization.create", target: CreatedId, organization: CreatedId);
        app.MapGet("/api/v1/organizations", ListAsync).RequireRoles(Role.Operations, Role.Moderator);
        var security = app.MapGroup("/api/v1/organizations/{id}/security").RequireRolesOnAnyAccount(Role.Admin, Role.Operations);
        security.MapGet("", GetSecurityAsync);
        security.MapPut("", SetSecurityAsync).Audited("organization.security");
        return app;
    }

    private const string CreatedKey = "created-organization";

    private static string? CreatedId(EndpointFilterInvocationContext context) => (context.HttpContext.Items[CreatedKey] as OrganizationRecord)?.Id;

    private static async Task<IResult> CreateAsync(CreateOrganizationRequest? body, HttpContext http, OrganizationDirectory organizations, CancellationToken ct)
    {
        var errors = new ApiErrors();
        var name = body?.Name?.Trim() ?? "";
        if (name.Length is < 1 or > 200)
            errors.Add("name", "1 to 200 characters");
        if (!Organisasjonsnummer.TryParse(body?.OrganizationNumber, out var number, out var reason))
            errors.Add("organizationNumber", reason);
        if (errors.Any)
            return errors.Problem();
        if (await organizations.CreateAsync(name, number, ct) is not { } created)
            return ApiProblems.Field(409, "organizationNumber", $"{number} is already an organization");
        http.Items[CreatedKey] = created;
        return Results.Json(View(created, []), statusCode: 201);
    }

    private static async Task<IResult> ListAsync(OrganizationDirectory organizations, CancellationToken ct) =>
        Results.Ok(new { items = (await organizations.ListAsync(ct)).Select(o => View(o.Organization, o.Accounts)) });

    private static async Task<IResult> GetSecurityAsync(string id, ClaimsPrincipal caller, OrganizationDirectory organizations, UserAuthority authority, CancellationToken ct)
    {
        if (await RefuseAsync(id, caller, organizations, authority, ct) is { } refused)
            return refused;
        return Results.Ok(View(id, await organizations.SecurityOfAsync(id, ct)));
    }

    private static async Task<IResult> SetSecurityAsync(string id, SecurityRequest? body, ClaimsPrincipal caller, OrganizationDirectory organizations, UserAuthority authority,
        CancellationToken ct)
    {
        if (await RefuseAsync(id, caller, organizations, authority, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        if (body?.RequireTwoFactor is null)
            errors.Add("requireTwoFactor", "required: true or false");
        if (!IpRanges.TryParse(body?.TrustedIpRanges ?? [], out var ranges, out var reason))
            errors.Add("trustedIpRanges", reason);
        if (errors.Any)
            return errors.Problem();
        var security = new OrganizationSecurity(body!.RequireTwoFactor!.Value, ranges);
        await organizations.SetSecurityAsync(id, security, ct);
        return Results.Ok(View(id, security));
    }

    /// <summary>404 for an unknown organization (to operations), 403 for one the caller does not administer.</summary>
    private static async Task<IResult?> RefuseAsync(string id, ClaimsPrincipal caller, OrganizationDirectory organizations, UserAuthority authority, CancellationToken ct)
    {
        var operations = caller.IsStaff(Role.Operations);
        if (!operations && (await authority.AdminAccountsAsync(caller, id, ct)).Count == 0)
            return ApiProblems.Field(403, "id", "you are not an admin of this organization");
        if (await organizations.FindAsync(id, ct) is null)
            return ApiProblems.Field(404, "id", $"no organization '{id}'");
        return null;
    }

    private static object View(OrganizationRecord organization, IReadOnlyList<string> accounts) => new
    {
        id = organization.Id, name = organization.Name, organizationNumber = organization.Organisasjonsnummer, accounts, createdAt = organization.CreatedAt,
    };

    private static object View(string id, OrganizationSecurity security) => new
    {
        organizationId = id, requireTwoFactor = security.RequireTwoFactor, trustedIpRanges = security.TrustedIpRanges.Written,
    };
}
