using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Front.Actors.Host.Api;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>): every endpoint with who may call it (<c>x-roles</c>, and said in
/// its description) and the problem responses it can give, all in the one problem shape (<see cref="ApiProblems"/>).
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Front.Actors gateway API";
                document.Info.Description = "Send SMS, follow their status, chat with contacts, moderate held sends. " +
                                            "Authenticate with 'Authorization: Bearer <key>'. Every error is a problem-details body with an 'errors' map naming each bad field.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAccessAndProblems);
        });

    private static Task DescribeAccessAndProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var roles = RolesOf(metadata);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()));
        operation.Description = $"{operation.Description}{(operation.Description is null ? "" : " ")}Who may call: {(roles.Count == 0 ? "anyone" : string.Join(", ", roles))}.";

        operation.Responses ??= new OpenApiResponses();
        var problems = new List<int>();
        var route = context.Description.RelativePath ?? "";
        if (context.Description.ParameterDescriptions.Count > 0 || context.Description.HttpMethod is "POST" or "PUT" or "PATCH")
            problems.Add(400);
        if (roles.Count > 0)
            problems.AddRange([401, 403]);
        if (route.Contains('{'))
            problems.Add(404);
        if (context.Description.HttpMethod is "POST" or "PUT" or "DELETE")
            problems.Add(409);
        problems.Add(503);
        foreach (var status in problems)
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse
            {
                Description = ApiProblems.TitleOf(status),
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            });
        return Task.CompletedTask;
    }

    /// <summary>The callers an endpoint's authorization lets in, in the API's words.</summary>
    public static IReadOnlyList<string> RolesOf(IEnumerable<object> metadata)
    {
        var roles = new List<string>();
        var requiresUser = false;
        foreach (var item in metadata)
        {
            if (item is IAllowAnonymous)
                return [];
            var requirements = item switch
            {
                AuthorizationPolicy policy => policy.Requirements,
                IAuthorizeData => [new DenyAnonymousAuthorizationRequirement()],
                _ => [],
            };
            foreach (var requirement in requirements)
                switch (requirement)
                {
                    case Identity.AccountRoleRequirement a:
                        roles.AddRange(a.Roles.Select(Domain.Identity.RoleNames.ToWire));
                        break;
                    case RolesAuthorizationRequirement r:
                        roles.AddRange(r.AllowedRoles);
                        break;
                    case ClaimsAuthorizationRequirement { ClaimType: ApiKeyAuthentication.AccountClaim }:
                        roles.Add("account key or agent");
                        break;
                    case ClaimsAuthorizationRequirement c:
                        roles.Add(c.ClaimType);
                        break;
                    default:
                        requiresUser = true;
                        break;
                }
        }
        if (roles.Count == 0 && requiresUser)
            roles.Add("any key");
        return roles.Distinct().ToList();
    }
}
