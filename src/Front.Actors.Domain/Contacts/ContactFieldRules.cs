namespace Front.Actors.Domain.Contacts;

/// <summary>Limits on what a contact carries, the same whether it is typed in through the API or imported.</summary>
public static class ContactFieldRules
{
    public const int MaxNameLength = 200;
    public const int MaxFieldNameLength = 64;
    public const int MaxFieldValueLength = 1_000;
    public const int MaxFields = 50;

    /// <summary>Why a name (full, first or last) cannot be kept, or null.</summary>
    public static string? RefuseName(string? value) =>
        value is { Length: > MaxNameLength } ? $"must be at most {MaxNameLength} characters" : null;

    /// <summary>Why a set of custom fields cannot be kept, or null.</summary>
    public static string? RefuseFields(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null)
            return null;
        if (fields.Count > MaxFields)
            return $"at most {MaxFields} custom fields";
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(name))
                return "a custom field has no name";
            if (name.Length > MaxFieldNameLength)
                return $"field name '{name[..20]}…' is longer than {MaxFieldNameLength} characters";
            if (name.IndexOfAny(['{', '}', '|']) >= 0)
                return $"field name '{name}' may not contain {{, }} or | (they mark merge fields in templates)";
            if (value is { Length: > MaxFieldValueLength })
                return $"field '{name}' is longer than {MaxFieldValueLength} characters";
        }
        return null;
    }
}
