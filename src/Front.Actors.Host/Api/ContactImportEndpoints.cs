using System.Security.Claims;
using System.Text.Json;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Identity;
using Front.Actors.Engine.Storage;
using Front.Actors.Host.Identity;
using Front.Actors.Host.Startup;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Api;

/// <summary>
/// Contact imports: a CSV file (<c>text/csv</c> body or a multipart file part) or pasted numbers, optionally into a
/// group (<c>groupId</c>, or <c>group</c> by name, made when new). The whole input is read and checked first and then
/// applied in one transaction: a malformed file is refused whole with its line, and nothing of it is stored.
/// </summary>
public static class ContactImportEndpoints
{
    /// <summary>Invalid lines listed in an answer; <c>invalidCount</c> has them all.</summary>
    private const int MaxListedInvalid = 1_000;

    /// <summary>Pasted numbers (named "Body" so that the audit log does not copy the numbers).</summary>
    public sealed record ImportTextBody(string? Text, string? GroupId, string? Group);

    // Handlers take HttpContext, not HttpRequest: the audit trail records arguments whose type ends in "Request".
    public static IEndpointRouteBuilder MapContactImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/accounts/{id}/contacts/import").RequireRoles(Role.Admin, Role.Marketer);
        imports.MapPost("", ImportFileAsync).Audited("contact.import")
            .AddOpenApiOperationTransformer((operation, _, _) => Body(operation, "text/csv", "multipart/form-data"))
            .WithDescription("A CSV file with a header row (a number column, and name/firstName/lastName or custom fields), comma or semicolon separated, UTF-8 or Windows-1252.");
        imports.MapPost("/text", ImportTextAsync).Audited("contact.import-text")
            .AddOpenApiOperationTransformer((operation, _, _) => Body(operation, "application/json"))
            .WithDescription("Pasted numbers, one a line.");
        return app;
    }

    /// <summary>
    /// The body's media types and the size refusals, said in the document only: an <c>Accepts</c> would make routing answer 415 to a wrong
    /// content type before authorization, telling anonymous callers more than 401.
    /// </summary>
    private static Task Body(Microsoft.OpenApi.OpenApiOperation operation, params string[] mediaTypes)
    {
        operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
        {
            Required = true,
            Content = mediaTypes.ToDictionary(m => m, _ => new Microsoft.OpenApi.OpenApiMediaType()),
        };
        operation.Responses ??= new Microsoft.OpenApi.OpenApiResponses();
        foreach (var status in new[] { 413, 415 })
            operation.Responses[status.ToString()] = new Microsoft.OpenApi.OpenApiResponse
            {
                Description = ApiProblems.TitleOf(status),
                Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["application/problem+json"] = new() },
            };
        return Task.CompletedTask;
    }

    private static async Task<IResult> ImportFileAsync(string id, string? groupId, string? group, HttpContext http, ClaimsPrincipal user, AccountStore accounts,
        ContactStore store, ContactGroupStore groups, IOptions<ContactOptions> options, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        if (await RefuseGroupAsync(id, groupId, group, groups, ct) is { } badGroup)
            return badGroup;
        var upload = await ImportUpload.ReadAsync(http.Request, options.Value.ImportMaxBytes, ct);
        if (upload.Problem is not null)
            return upload.Problem;
        return ContactCsv.Read(upload.Bytes!) switch
        {
            ImportReading.Refused malformed => Malformed("file", malformed.Line, malformed.Reason),
            ImportReading.Read read => Results.Ok(Report(read.Import, await store.ImportAsync(id, read.Import, groupId, group, ct))),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> ImportTextAsync(string id, HttpContext http, ClaimsPrincipal user, AccountStore accounts, ContactStore store,
        ContactGroupStore groups, IOptions<ContactOptions> options, CancellationToken ct)
    {
        if (await AccountAccess.RefuseAsync(id, user, accounts, ct) is { } refused)
            return refused;
        var max = options.Value.ImportMaxBytes;
        if (http.Request.ContentLength > max)
            return ApiProblems.Field(413, "text", $"the text is larger than the limit of {max} bytes");
        ImportTextBody? body;
        try
        {
            // Read here rather than bound, so that the size is checked before the body is.
            body = await http.Request.ReadFromJsonAsync<ImportTextBody>(JsonSerializerOptions.Web, ct);
        }
        catch (JsonException e)
        {
            var (field, reason) = JsonBodyErrors.Describe(e);
            return ApiProblems.Field(400, field, reason);
        }
        catch (InvalidOperationException)
        {
            return ApiProblems.Field(415, "body", "send a JSON object {\"text\": \"…\"} as application/json");
        }
        if (string.IsNullOrWhiteSpace(body?.Text))
            return ApiProblems.Field(400, "text", "no numbers: paste one number a line");
        if (body.Text.Length > max)
            return ApiProblems.Field(413, "text", $"the text is larger than the limit of {max} bytes");
        if (await RefuseGroupAsync(id, body.GroupId, body.Group, groups, ct) is { } badGroup)
            return badGroup;
        var import = PastedNumbers.Read(body.Text);
        return Results.Ok(Report(import, await store.ImportAsync(id, import, body.GroupId, body.Group, ct)));
    }

    private static async Task<IResult?> RefuseGroupAsync(string accountId, string? groupId, string? group, ContactGroupStore groups, CancellationToken ct)
    {
        if (groupId is not null && group is not null)
            return ApiProblems.Field(400, "group", "give groupId or group (a name), not both");
        if (group is not null && GroupsEndpoints.RefuseName(group) is { } badName)
            return ApiProblems.Field(400, "group", badName);
        if (groupId is not null && (await groups.MissingAsync(accountId, [groupId], ct)).Count > 0)
            return ApiProblems.Field(404, "groupId", $"no group '{groupId}' in this account");
        return null;
    }

    private static IResult Malformed(string field, int line, string reason) =>
        Results.Problem(statusCode: 400, title: ApiProblems.TitleOf(400), detail: $"{field}: line {line}: {reason}; nothing was imported",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [$"line {line}: {reason}; nothing was imported"] }, ["line"] = line });

    private static object Report(ContactImport import, ImportOutcome outcome) => new
    {
        added = outcome.Added,
        updated = outcome.Updated,
        unchanged = outcome.Unchanged,
        duplicates = import.Duplicates,
        invalid = import.Invalid.Take(MaxListedInvalid).Select(i => new { line = i.Line, reason = i.Reason }),
        invalidCount = import.Invalid.Count,
        groupId = outcome.GroupId,
    };
}
