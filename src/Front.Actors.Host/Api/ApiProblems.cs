namespace Front.Actors.Host.Api;

/// <summary>Problem details that name the field and the reason, the one error shape of the API.</summary>
public static class ApiProblems
{
    public static IResult Field(int status, string field, string reason) =>
        Results.Problem(statusCode: status, title: TitleOf(status), detail: $"{field}: {reason}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });

    /// <summary>An entity's refusal, its status chosen by its kind.</summary>
    public static IResult Refusal(Front.Actors.Engine.RefusalKind kind, string field, string reason) => Field(kind switch
    {
        Front.Actors.Engine.RefusalKind.Conflict => 409,
        Front.Actors.Engine.RefusalKind.NotFound => 404,
        Front.Actors.Engine.RefusalKind.Forbidden => 403,
        Front.Actors.Engine.RefusalKind.TooMany => 429,
        _ => 400,
    }, field, reason);

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        429 => "Too many requests",
        _ => "Error",
    };
}
