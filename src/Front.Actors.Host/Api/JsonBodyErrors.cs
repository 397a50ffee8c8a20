using System.Text.Json;
using System.Text.RegularExpressions;

namespace Front.Actors.Host.Api;

/// <summary>
/// Turns a JSON reading failure into the field it happened at and a reason a client can act on, in the API's words:
/// never a .NET type name ("must be a list", not "could not be converted to System.String[]").
/// </summary>
public static partial class JsonBodyErrors
{
    public static (string Field, string Reason) Describe(JsonException e)
    {
        var field = FieldOf(e.Path);
        if (ConvertedTo().Match(e.Message) is { Success: true } conversion)
            return (field, ExpectedOf(TypeAt(conversion.Groups["type"].Value, e.Path)));
        // A syntax error: the reader's own words name the character and place, without type names.
        var reason = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
        return (field, DotNetName().IsMatch(reason) ? "malformed JSON" : $"malformed JSON: {reason}");
    }

    /// <summary>
    /// The type the value at <paramref name="path"/> should have had. For a record read through its constructor the
    /// reader names the record, not the property: look the property up on it.
    /// </summary>
    private static string TypeAt(string reported, string? path)
    {
        var property = path?.Split('.').LastOrDefault()?.Split('[')[0];
        var owner = typeof(JsonBodyErrors).Assembly.GetType(reported);
        if (owner is null || string.IsNullOrEmpty(property))
            return reported;
        var found = owner.GetProperties().FirstOrDefault(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase));
        return found?.PropertyType.ToString() ?? reported;
    }

    /// <summary>"$.to[2]" → "to[2]"; the whole body when there is no path.</summary>
    public static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    /// <summary>What a value of this .NET type looks like in JSON, said without the type's name.</summary>
    public static string ExpectedOf(string dotNetType)
    {
        var type = dotNetType.Replace("System.Nullable`1[", "").TrimEnd(']');
        if (type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`1") || type.Contains("IEnumerable`1") || type.Contains("Collection`1"))
            return "must be a list";
        return type switch
        {
            _ when type.EndsWith("String", StringComparison.Ordinal) => "must be a string",
            _ when type.EndsWith("Boolean", StringComparison.Ordinal) => "must be true or false",
            _ when type.EndsWith("Int32", StringComparison.Ordinal) || type.EndsWith("Int64", StringComparison.Ordinal) || type.EndsWith("Int16", StringComparison.Ordinal)
                => "must be a whole number",
            _ when type.EndsWith("Decimal", StringComparison.Ordinal) || type.EndsWith("Double", StringComparison.Ordinal) => "must be a number",
            _ when type.Contains("DateTime", StringComparison.Ordinal) => "must be a date and time (ISO 8601)",
            _ when type.Contains("Dictionary`2", StringComparison.Ordinal) => "must be an object",
            _ => "must be an object with the documented fields",
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.(\s|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"System\.|`\d")]
    private static partial Regex DotNetName();
}
