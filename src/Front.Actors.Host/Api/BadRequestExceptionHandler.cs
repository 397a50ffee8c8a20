using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Front.Actors.Host.Api;

/// <summary>
/// A request the framework could not bind (malformed JSON, a string where a list belongs, "abc" for a number in the
/// query, no body where one is required) answers in the API's own problem shape, naming the field and what it
/// must be, instead of the framework's bare "Bad Request" or a message with .NET type names.
/// </summary>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
            return false;
        var (field, reason) = Describe(bad);
        http.Response.StatusCode = bad.StatusCode;
        await ApiProblems.Field(bad.StatusCode, field, reason).ExecuteAsync(http);
        return true;
    }

    private static (string Field, string Reason) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
            return JsonBodyErrors.Describe(json);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return ("body", "send JSON with Content-Type: application/json");
        if (BindFailure().Match(bad.Message) is { Success: true } binding)
            return (binding.Groups["name"].Value, $"'{binding.Groups["value"].Value}' is not {KindOf(binding.Groups["type"].Value)}");
        if (bad.Message.Contains("was not provided from body", StringComparison.Ordinal) || bad.Message.Contains("request body", StringComparison.Ordinal))
            return ("body", "a JSON object is required");
        if (RequiredParameter().Match(bad.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, "required");
        return ("request", "the request could not be read");
    }

    private static string KindOf(string type) => type.Replace("Nullable<", "").TrimEnd('>', '?') switch
    {
        "int" or "long" or "short" => "a whole number",
        "bool" => "true or false",
        "decimal" or "double" => "a number",
        "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
        _ => "a valid value",
    };

    // Failed to bind parameter "int? olderThanMinutes" from "abc".
    [GeneratedRegex("""Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.""")]
    private static partial Regex BindFailure();

    // Required parameter "string account" was not provided from query string.
    [GeneratedRegex("""Required parameter "\S+ (?<name>\w+)" was not provided""")]
    private static partial Regex RequiredParameter();
}
