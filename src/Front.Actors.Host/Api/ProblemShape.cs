using Microsoft.AspNetCore.Http.Features;

namespace Front.Actors.Host.Api;

/// <summary>
/// Gives every problem the host writes the API's one shape, including those the framework writes itself (an
/// unknown path, a wrong method, an unknown key, an unexpected failure): our title for the status and an
/// <c>errors</c> map, so a client reads 400, 401, 403, 404, 409, 429 and 503 the same way.
/// </summary>
public static class ProblemShape
{
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Title = ApiProblems.TitleOf(status);
        if (problem.Extensions.ContainsKey("errors"))
            return;
        var request = context.HttpContext.Request;
        var (field, reason) = status switch
        {
            401 or 403 => ("authorization", problem.Detail ?? "this key may not do that"),
            404 => ("path", problem.Detail ?? $"nothing at {request.Method} {request.Path}"),
            405 => ("method", problem.Detail ?? $"{request.Method} is not allowed on {request.Path}"),
            415 => ("body", "send JSON with Content-Type: application/json"),
            >= 500 => ("request", "the engine failed on this request; it was logged" +
                                  (context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId is { } trace ? $" (trace {trace})" : "")),
            _ => ("request", problem.Detail ?? ApiProblems.TitleOf(status)),
        };
        problem.Detail = $"{field}: {reason}";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
    }
}
