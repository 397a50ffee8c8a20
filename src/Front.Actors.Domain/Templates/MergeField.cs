using Front.Actors.Domain.Contacts;

namespace Front.Actors.Domain.Templates;

/// <summary>
/// A merge field in a template, <c>{firstName}</c> or with a default for contacts that lack it, <c>{firstName|kunde}</c>.
/// The standard fields answer to English and Norwegian names in any case (firstName, fornavn, FORNAVN); any other name is
/// a contact's custom field.
/// </summary>
public sealed record MergeField(string Name, string? Default)
{
    public ContactColumn Column => ContactColumns.Of(Name) switch
    {
        ContactColumn.Ignored => ContactColumn.Field,
        var column => column,
    };

    public bool IsStandard => Column is not ContactColumn.Field;

    public override string ToString() => Default is null ? $"{{{Name}}}" : $"{{{Name}|{Default}}}";
}
