using System.Security.Claims;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;

namespace Front.Actors.Host.Api;

/// <summary>
/// An account's contacts: listed (searched by number or name, paged by cursor), read, added, replaced and deleted by the
/// account's admins and marketers (agents work threads, not lists). Imports are in <see cref="ContactImportEndpoints"/>.
/// </summary>
public static class ContactsEndpoints
{
    /// <summary>
    /// A contact as sent. Named "Body", not "Request", so the audit log does not copy a person's number and name into
    /// itself (an erasure request would then have to reach into the log).
    /// </summary>
    public sealed record ContactBody(string? Number, string? Name, string? FirstName, string? LastName, Dictionary<string, string>? Fields, List<string>? GroupIds);

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/accounts/{id}/contacts").RequireRoles(Role.Admin, Role.Marketer);
        contacts.MapGet("", ListAsync);
        contacts.MapPost("", CreateAsync).Audited("contact.create");
        contacts.MapGet("/{contactId}", GetAsync);
        contacts.MapPut("/{contactId}", ReplaceAsync).Audited("contact.update");
        contacts.MapDelete("/{contactId}", DeleteAsync).Audited("contact.delete");
        return app;
    }

    private static async Task<IResult> ListAsync(string id, string? q, string? groupId, string? after, int? limit, ClaimsPrincipal user, AccountStore accounts,
        ContactStore store, CancellationToken ct)
    {
        var (cursor, size, problem) = PageCursor.Read(after, limit);
        if (problem is not null)
            return problem;
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var (items, next) = PageCursor.Cut(await store.PageAsync(id, q, groupId, cursor, size, ct), size, c => c.Number);
        return Results.Ok(new { items = items.Select(c => View(c)), next });
    }

    private static async Task<IResult> GetAsync(string id, string contactId, ClaimsPrincipal user, AccountStore accounts, ContactStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.GetAsync(id, contactId, ct) is { } contact
            ? Results.Ok(View(contact, await store.GroupsOfAsync(id, contactId, ct)))
            : NotFound(contactId);
    }

    private static async Task<IResult> CreateAsync(string id, ContactBody? body, ClaimsPrincipal user, AccountStore accounts, ContactStore store,
        ContactGroupStore groups, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var data = Check(body, errors);
        var groupIds = (body?.GroupIds ?? []).Distinct().ToList();
        if (!errors.Any && await groups.MissingAsync(id, groupIds, ct) is { Count: > 0 } missing)
            errors.Add("groupIds", $"no such group: {string.Join(", ", missing)}");
        if (errors.Any)
            return errors.Problem();
        var (created, existing) = await store.CreateAsync(id, data!, groupIds, ct);
        if (created is null)
            return Taken(existing!);
        return Results.Json(View(created, groupIds), statusCode: 201);
    }

    private static async Task<IResult> ReplaceAsync(string id, string contactId, ContactBody? body, ClaimsPrincipal user, AccountStore accounts, ContactStore store,
        CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var errors = new ApiErrors();
        var data = Check(body, errors);
        if (body?.GroupIds is not null)
            errors.Add("groupIds", "change a contact's groups under /groups/{groupId}/members");
        if (errors.Any)
            return errors.Problem();
        var (updated, existing) = await store.ReplaceAsync(id, contactId, data!, ct);
        if (updated is not null)
            return Results.Ok(View(updated, await store.GroupsOfAsync(id, contactId, ct)));
        return existing is null ? NotFound(contactId) : Taken(existing);
    }

    private static async Task<IResult> DeleteAsync(string id, string contactId, ClaimsPrincipal user, AccountStore accounts, ContactStore store, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        return await store.DeleteAsync(id, contactId, ct) ? Results.NoContent() : NotFound(contactId);
    }

    /// <summary>The contact the body describes, every bad field added to <paramref name="errors"/>.</summary>
    private static ContactData? Check(ContactBody? body, ApiErrors errors)
    {
        if (!ContactNumber.TryNormalize(body?.Number, out var number, out var reason))
            errors.Add("number", reason);
        foreach (var (field, value) in new[] { ("name", body?.Name), ("firstName", body?.FirstName), ("lastName", body?.LastName) })
            if (ContactFieldRules.RefuseName(value) is { } bad)
                errors.Add(field, bad);
        var fields = (body?.Fields ?? []).ToDictionary(f => f.Key.Trim(), f => f.Value?.Trim() ?? "", StringComparer.Ordinal);
        if (ContactFieldRules.RefuseFields(fields) is { } badFields)
            errors.Add("fields", badFields);
        return errors.Any ? null : new ContactData(number!, Blank(body!.Name), Blank(body.FirstName), Blank(body.LastName), fields);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult NotFound(string contactId) => ApiProblems.Field(404, "contactId", $"no contact '{contactId}' in this account");

    private static IResult Taken(string existingId) =>
        Results.Problem(statusCode: 409, title: ApiProblems.TitleOf(409), detail: $"number: the account has a contact with this number already ({existingId})",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["number"] = [$"the account has a contact with this number already ({existingId})"] }, ["contactId"] = existingId });

    internal static object View(ContactRecord c, IReadOnlyList<string>? groups = null) => new
    {
        id = c.Id,
        number = c.Number,
        name = c.Name,
        firstName = c.FirstName,
        lastName = c.LastName,
        fields = ContactStore.FieldsOf(c),
        groups,
        createdAt = c.CreatedAt,
        updatedAt = c.UpdatedAt,
    };
}
