namespace Front.Actors.Host.Api;

/// <summary>Problem details that name the field and the reason, the one error shape of the API.</summary>
public static class ApiProblems
{
    public static IResult Field(int status, string field, string reason) =>
        Results.Problem(statusCode: status, title: TitleOf(status), detail: $"{field}: {reason}",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        _ => "Error",
    };
}
