using System.Security.Claims;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's contact groups and their members, kept by the account's admins and marketers. A group's name is unique
/// in the account (ignoring case); deleting a group leaves its contacts.
/// </summary>
public static class GroupsEndpoints
{
    private const int MaxName = 100;
    private const int MaxMembersPerCall = 10_000;

    public sealed record GroupRequest(string? Name);

    public sealed record MembersRequest(List<string>? ContactIds);

    public static IEndpointRouteBuilder MapContactGroups(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/v1/accounts/{id}/groups").RequireRoles(Role.Admin, Role.Marketer);
        groups.MapGet("", ListAsync);
        groups.MapPost("", CreateAsync).Audited("group.create");
        groups.MapGet("/{groupId}", GetAsync);
        groups.MapPut("/{groupId}", RenameAsync).Audited("group.rename");
        groups.MapDelete("/{groupId}", DeleteAsync).Audited("group.delete");
        groups.MapGet("/{groupId}/members", MembersAsync);
        groups.MapPost("/{groupId}/members", AddMembersAsync).Audited("group.add-members");
        groups.MapDelete("/{groupId}/members/{contactId}", RemoveMemberAsync).Audited("group.remove-member");
        return app;
    }

    /// <summary>Why a group name cannot be used, or null.</summary>
    public static string? RefuseName(string? name) => name?.Trim() switch
    {
        null or "" => "a group needs a name",
        { Length: > MaxName } => $"must be at most {MaxName} characters",
        _ => null,
    };

    private static async Task<IResult> ListAsync(string id, string? q, string? after, int? limit, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store,
        CancellationToken ct)
    {
        var (cursor, size, problem) = PageCursor.Read(after, limit);
        if (problem is not null)
            return problem;
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var (items, next) = PageCursor.Cut(await store.PageAsync(id, q, cursor, size, ct), size, g => g.Group.NameKey);
        return Results.Ok(new { items = items.Select(View), next });
    }

    private static async Task<IResult> GetAsync(string id, string groupId, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.GetAsync(id, groupId, ct) is { } group ? Results.Ok(View(group)) : NotFound(groupId);
    }

    private static async Task<IResult> CreateAsync(string id, GroupRequest? body, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if (RefuseName(body?.Name) is { } bad)
            return ApiProblems.Field(400, "name", bad);
        var (created, existing) = await store.CreateAsync(id, body!.Name!, ct);
        return created is null ? Taken(existing!) : Results.Json(View(new ContactGroupView(created, 0)), statusCode: 201);
    }

    private static async Task<IResult> RenameAsync(string id, string groupId, GroupRequest? body, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store,
        CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if (RefuseName(body?.Name) is { } bad)
            return ApiProblems.Field(400, "name", bad);
        var (renamed, existing) = await store.RenameAsync(id, groupId, body!.Name!, ct);
        if (renamed is null)
            return existing is null ? NotFound(groupId) : Taken(existing);
        return Results.Ok(View((await store.GetAsync(id, groupId, ct))!));
    }

    private static async Task<IResult> DeleteAsync(string id, string groupId, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.DeleteAsync(id, groupId, ct) ? Results.NoContent() : NotFound(groupId);
    }

    private static async Task<IResult> MembersAsync(string id, string groupId, string? q, string? after, int? limit, ClaimsPrincipal user, AccountStore accounts,
        ContactGroupStore groups, ContactStore contacts, CancellationToken ct)
    {
        var (cursor, size, problem) = PageCursor.Read(after, limit);
        if (problem is not null)
            return problem;
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if ((await groups.MissingAsync(id, [groupId], ct)).Count > 0)
            return NotFound(groupId);
        var (items, next) = PageCursor.Cut(await contacts.PageAsync(id, q, groupId, cursor, size, ct), size, c => c.Number);
        return Results.Ok(new { items = items.Select(c => ContactsEndpoints.View(c)), next });
    }

    private static async Task<IResult> AddMembersAsync(string id, string groupId, MembersRequest? body, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store,
        CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var ids = (body?.ContactIds ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        if (ids.Count == 0)
            return ApiProblems.Field(400, "contactIds", "name at least one contact");
        if (ids.Count > MaxMembersPerCall)
            return ApiProblems.Field(400, "contactIds", $"at most {MaxMembersPerCall} a call (import a file for more)");
        if ((await store.MissingAsync(id, [groupId], ct)).Count > 0)
            return NotFound(groupId);
        if (await store.AddMembersAsync(id, groupId, ids, ct) is { Count: > 0 } unknown)
            return ApiProblems.Field(400, "contactIds", $"no such contact in this account: {string.Join(", ", unknown.Take(20))}");
        return Results.Ok(View((await store.GetAsync(id, groupId, ct))!));
    }

    private static async Task<IResult> RemoveMemberAsync(string id, string groupId, string contactId, ClaimsPrincipal user, AccountStore accounts, ContactGroupStore store,
        CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if ((await store.MissingAsync(id, [groupId], ct)).Count > 0)
            return NotFound(groupId);
        return await store.RemoveMemberAsync(id, groupId, contactId, ct)
            ? Results.NoContent()
            : ApiProblems.Field(404, "contactId", $"contact '{contactId}' is not in the group");
    }

    private static IResult NotFound(string groupId) => ApiProblems.Field(404, "groupId", $"no group '{groupId}' in this account");

    private static IResult Taken(string existingId) => ApiProblems.Field(409, "name", $"the account has a group with this name already ({existingId})");

    private static object View(ContactGroupView g) => new
    {
        id = g.Group.Id,
        name = g.Group.Name,
        members = g.Members,
        createdAt = g.Group.CreatedAt,
        updatedAt = g.Group.UpdatedAt,
    };
}
