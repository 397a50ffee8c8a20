namespace Front.Actors.Domain.Contacts;

/// <summary>One valid contact read from an import, with the line it started on.</summary>
public sealed record ImportedContact(int Line, string Number, string? Name, string? FirstName, string? LastName, IReadOnlyDictionary<string, string> Fields);

/// <summary>A line that could not be taken (a bad number, say); the rest of the import goes ahead without it.</summary>
public sealed record InvalidLine(int Line, string Reason);

/// <summary>
/// What an import file holds once read whole: the valid contacts (first occurrence of each number), how many lines
/// repeated a number already read, and the invalid lines with their reasons.
/// </summary>
public sealed record ContactImport(IReadOnlyList<ImportedContact> Contacts, int Duplicates, IReadOnlyList<InvalidLine> Invalid);

/// <summary>An import read whole, or refused whole because the file itself is malformed (nothing of it is applied).</summary>
public abstract record ImportReading
{
    private ImportReading() { }

    public sealed record Read(ContactImport Import) : ImportReading;

    public sealed record Refused(int Line, string Reason) : ImportReading;
}
