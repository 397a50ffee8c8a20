using Front.Actors.Domain.Contacts;

namespace Front.Actors.Domain.Templates;

/// <summary>What a template can read of one contact.</summary>
public sealed record MergeContact(string Number, string? Name, string? FirstName, string? LastName, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>No contact at all (a preview without a sample): every field takes its default.</summary>
    public static readonly MergeContact Nobody = new("", null, null, null, new Dictionary<string, string>());

    /// <summary>The contact's value for the field, or null when it has none (custom fields match ignoring case and spaces).</summary>
    public string? ValueOf(MergeField field)
    {
        var value = field.Column switch
        {
            ContactColumn.Number => Number,
            // A contact imported with first and last name only is still greeted by its full name.
            ContactColumn.Name => Name ?? string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))),
            ContactColumn.FirstName => FirstName,
            ContactColumn.LastName => LastName,
            _ => Custom(field.Name),
        };
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private string? Custom(string name)
    {
        if (Fields.TryGetValue(name, out var exact))
            return exact;
        var key = ContactColumns.Key(name);
        return Fields.FirstOrDefault(f => ContactColumns.Key(f.Key) == key).Value;
    }
}
