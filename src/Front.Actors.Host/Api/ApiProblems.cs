namespace Front.Actors.Host.Api;

/// <summary>
/// The one error shape of the API, for every status: problem details (RFC 9457) with an <c>errors</c> map from each
/// bad field to its reasons, and a <c>detail</c> that says the same in one line.
/// </summary>
public static class ApiProblems
{
    public static IResult Field(int status, string field, string reason) =>
        Fields(status, new Dictionary<string, string[]> { [field] = [reason] });

    public static IResult Fields(int status, IReadOnlyDictionary<string, string[]> errors) =>
        Results.Problem(statusCode: status, title: TitleOf(status), detail: DetailOf(errors),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>An entity's refusal, its status chosen by its kind.</summary>
    public static IResult Refusal(Front.Actors.Engine.RefusalKind kind, string field, string reason) => Field(StatusOf(kind), field, reason);

    public static int StatusOf(Front.Actors.Engine.RefusalKind kind) => kind switch
    {
        Front.Actors.Engine.RefusalKind.Conflict => 409,
        Front.Actors.Engine.RefusalKind.NotFound => 404,
        Front.Actors.Engine.RefusalKind.Forbidden => 403,
        Front.Actors.Engine.RefusalKind.TooMany => 429,
        _ => 400,
    };

    public static string DetailOf(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join("; ", errors.SelectMany(e => e.Value.Select(reason => $"{e.Key}: {reason}")));

    public static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Request too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
