namespace Front.Actors.Domain.Contacts;

/// <summary>
/// Numbers pasted into a text box, one a line (a trailing comma or semicolon from a copied column is forgiven).
/// Each line is checked like a CSV row's number; blank lines are skipped.
/// </summary>
public static class PastedNumbers
{
    public static ContactImport Read(string? text)
    {
        var contacts = new List<ImportedContact>();
        var invalid = new List<InvalidLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var value = lines[i].Trim().TrimEnd(',', ';').Trim();
            if (value.Length == 0)
                continue;
            if (!ContactNumber.TryNormalize(value, out var e164, out var reason))
                invalid.Add(new InvalidLine(i + 1, reason));
            else if (!seen.Add(e164))
                duplicates++;
            else
                contacts.Add(new ImportedContact(i + 1, e164, null, null, null, new Dictionary<string, string>()));
        }
        return new ContactImport(contacts, duplicates, invalid);
    }
}
