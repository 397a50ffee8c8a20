namespace Front.Actors.Domain.Contacts;

/// <summary>The standard contact properties a column can hold; any other column is a custom field.</summary>
public enum ContactColumn
{
    Number,
    Name,
    FirstName,
    LastName,
    Field,
    Ignored,
}

/// <summary>
/// Maps a header row to contact properties, in the words Norwegian and English spreadsheets use
/// ("Mobil", "Telefonnummer", "Fornavn", "Last name"…). Case, spaces, dashes and underscores do not matter.
/// </summary>
public static class ContactColumns
{
    private static readonly Dictionary<string, ContactColumn> Known = new(StringComparer.Ordinal)
    {
        ["number"] = ContactColumn.Number, ["nummer"] = ContactColumn.Number, ["mobil"] = ContactColumn.Number,
        ["mobile"] = ContactColumn.Number, ["mobilnummer"] = ContactColumn.Number, ["mobilnr"] = ContactColumn.Number,
        ["mobilenumber"] = ContactColumn.Number, ["mobilephone"] = ContactColumn.Number, ["telefon"] = ContactColumn.Number,
        ["telefonnummer"] = ContactColumn.Number, ["telefonnr"] = ContactColumn.Number, ["tlf"] = ContactColumn.Number,
        ["tlfnr"] = ContactColumn.Number, ["phone"] = ContactColumn.Number, ["phonenumber"] = ContactColumn.Number,
        ["msisdn"] = ContactColumn.Number,
        ["name"] = ContactColumn.Name, ["navn"] = ContactColumn.Name, ["fullname"] = ContactColumn.Name, ["fulltnavn"] = ContactColumn.Name,
        ["firstname"] = ContactColumn.FirstName, ["fornavn"] = ContactColumn.FirstName, ["givenname"] = ContactColumn.FirstName,
        ["lastname"] = ContactColumn.LastName, ["etternavn"] = ContactColumn.LastName, ["surname"] = ContactColumn.LastName,
        ["familyname"] = ContactColumn.LastName,
    };

    public static ContactColumn Of(string header)
    {
        var key = Key(header);
        if (key.Length == 0)
            return ContactColumn.Ignored;
        return Known.GetValueOrDefault(key, ContactColumn.Field);
    }

    /// <summary>The header as a lookup key: lower case, without spaces, dashes, underscores and dots.</summary>
    public static string Key(string header) =>
        new(header.Trim().ToLowerInvariant().Where(c => c is not (' ' or '-' or '_' or '.' or '\u00A0')).ToArray());
}
