using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Front.Actors.Domain.Contacts;

/// <summary>
/// Reads a contact list exported from a spreadsheet: a header row, then one contact a row, separated by commas or
/// semicolons (Excel in Norway uses semicolons, since the comma is the decimal mark). The whole file is read before
/// anything is applied: a malformed file (an unbalanced quote, no number column) is refused whole with the line
/// that broke it; a row with a bad number is only reported, by its line.
/// </summary>
public static class ContactCsv
{
    public static ImportReading Read(ReadOnlySpan<byte> bytes) => Read(ImportEncoding.Decode(bytes).Text);

    public static ImportReading Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new ImportReading.Refused(1, "the file is empty");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = DelimiterOf(text),
            HasHeaderRecord = false,
            IgnoreBlankLines = false, // kept so that line numbers count every line; blank rows are skipped below
            Mode = CsvMode.RFC4180,
        };
        BadDataFoundArgs? bad = null;
        config.BadDataFound = args => bad ??= args;
        using var parser = new CsvParser(new StringReader(text), config);

        Header? header = null;
        var contacts = new List<ImportedContact>();
        var invalid = new List<InvalidLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var lastLine = 0;
        while (true)
        {
            bool more;
            try
            {
                more = parser.Read();
            }
            catch (CsvHelperException)
            {
                return new ImportReading.Refused(lastLine + 1, "the row cannot be read as CSV (check its quotes)");
            }
            if (!more)
                break;
            var line = lastLine + 1;
            lastLine = parser.RawRow;
            var record = parser.Record ?? []; // fields are cut (and bad quotes found) only when the record is read
            if (bad is not null)
                return new ImportReading.Refused(line, "a quote is not balanced: a field with quotes must start and end with one, and a quote inside it is written twice (\"\")");
            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            if (header is null)
            {
                if (Header.Of(record) is not { } made)
                    return new ImportReading.Refused(line, NoNumberColumn(record));
                if (made.Problem is { } problem)
                    return new ImportReading.Refused(line, problem);
                header = made;
                continue;
            }
            var row = header.Read(line, record);
            if (row.Invalid is { } reason)
                invalid.Add(new InvalidLine(line, reason));
            else if (!seen.Add(row.Contact!.Number))
                duplicates++;
            else
                contacts.Add(row.Contact);
        }
        if (header is null)
            return new ImportReading.Refused(1, "the file has no header row");
        return new ImportReading.Read(new ContactImport(contacts, duplicates, invalid));
    }

    /// <summary>The separator of the header line: whichever of ';', ',' and tab it holds most of (outside quotes).</summary>
    public static string DelimiterOf(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\r' or '\n' && commas + semicolons + tabs > 0)
                break;
            else if (!quoted)
                switch (c)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                }
        }
        if (tabs > commas && tabs > semicolons)
            return "\t";
        return semicolons > commas ? ";" : ",";
    }

    private static string NoNumberColumn(string[] record) => record.Any(cell => ContactNumber.TryNormalize(cell, out _, out _))
        ? "the first row holds a number, not a header: add a header row naming the columns (e.g. 'number;name'), or paste the numbers as text"
        : $"no number column: the header row ({string.Join(", ", record.Select(h => $"'{h.Trim()}'").Take(10))}) needs one named e.g. 'number', 'nummer', 'mobil' or 'telefon'";

    private sealed record Row(ImportedContact? Contact, string? Invalid);

    /// <summary>The header row read once: which column holds what.</summary>
    private sealed class Header
    {
        private readonly ContactColumn[] _columns;
        private readonly string[] _names;

        private Header(ContactColumn[] columns, string[] names, string? problem)
        {
            _columns = columns;
            _names = names;
            Problem = problem;
        }

        public string? Problem { get; }

        public static Header? Of(string[] record)
        {
            var columns = record.Select(ContactColumns.Of).ToArray();
            if (!columns.Contains(ContactColumn.Number))
                return null;
            var names = record.Select(h => h.Trim()).ToArray();
            var keys = columns.Select((c, i) => c == ContactColumn.Field ? "field " + ContactColumns.Key(names[i]) : c.ToString()).ToArray();
            string? problem = null;
            for (var i = 0; i < keys.Length && problem is null; i++)
                if (columns[i] != ContactColumn.Ignored && Array.IndexOf(keys, keys[i]) is var first && first < i)
                    problem = $"the columns '{names[first]}' and '{names[i]}' hold the same thing";
            problem ??= ContactFieldRules.RefuseFields(names.Where((_, i) => columns[i] == ContactColumn.Field).ToDictionary(n => n, _ => ""));
            return new Header(columns, names, problem);
        }

        public Row Read(int line, string[] record)
        {
            if (record.Length > _columns.Length && record.Skip(_columns.Length).Any(v => !string.IsNullOrWhiteSpace(v)))
                return new Row(null, $"{record.Length} fields, but the header has {_columns.Length}");
            string? number = null, name = null, first = null, last = null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < _columns.Length && i < record.Length; i++)
            {
                var value = record[i].Trim();
                switch (_columns[i])
                {
                    case ContactColumn.Number: number = value; break;
                    case ContactColumn.Name: name = Blank(value); break;
                    case ContactColumn.FirstName: first = Blank(value); break;
                    case ContactColumn.LastName: last = Blank(value); break;
                    case ContactColumn.Field when value.Length > 0: fields[_names[i]] = value; break;
                }
            }
            if (!ContactNumber.TryNormalize(number, out var e164, out var reason))
                return new Row(null, reason);
            if ((ContactFieldRules.RefuseName(name) ?? ContactFieldRules.RefuseName(first) ?? ContactFieldRules.RefuseName(last)) is { } badName)
                return new Row(null, $"name {badName}");
            if (ContactFieldRules.RefuseFields(fields) is { } badFields)
                return new Row(null, badFields);
            return new Row(new ImportedContact(line, e164, name, first, last, fields), null);
        }

        private static string? Blank(string value) => value.Length == 0 ? null : value;
    }
}
