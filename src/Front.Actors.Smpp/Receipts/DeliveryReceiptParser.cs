using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// Reads receipt text in the usual Appendix B layout, tolerant of what operators do to it: key case,
/// extra spaces, fields left out, dates with or without seconds, and a <c>text:</c> that runs to the end.
/// </summary>
public static class DeliveryReceiptParser
{
    // Keys in the order they are tried at a position; text: is last and takes the rest, colons and all.
    // "submit_date" and "submitdate" are seen in the wild too, so the two words may be joined by spaces,
    // underscores or nothing. Read by hand rather than with a regex: every receipt passes here, and the scan
    // allocates only the field values.
    private static readonly (string Name, string Word, string? SecondWord)[] Keys =
    [
        ("id", "id", null), ("sub", "sub", null), ("dlvrd", "dlvrd", null), ("submitdate", "submit", "date"),
        ("donedate", "done", "date"), ("stat", "stat", null), ("err", "err", null), ("text", "text", null),
    ];

    private static readonly string[] DateFormats = ["yyMMddHHmmss", "yyMMddHHmm"];

    /// <summary>
    /// Reads <paramref name="text"/> as a receipt. False when it has no id or no stat, the two fields a receipt
    /// cannot do without; any other field that is missing or unreadable is left null.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DeliveryReceipt? receipt)
    {
        receipt = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        // A field's value runs from its key to the next key; the first of a repeated key wins.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? open = null;
        var openStart = 0;
        for (var at = 0; at < text.Length;)
        {
            if (!KeyAt(text, at, out var key, out var valueStart))
            {
                at++;
                continue;
            }
            if (open is not null)
                fields[open] = text[openStart..at].Trim();
            open = null;
            if (!fields.ContainsKey(key))
            {
                if (key == "text")
                {
                    fields[key] = text[valueStart..].Trim();
                    break;
                }
                (open, openStart) = (key, valueStart);
            }
            at = valueStart;
        }
        if (open is not null)
            fields[open] = text[openStart..].Trim();

        if (!fields.TryGetValue("id", out var id) || id.Length == 0 || !fields.TryGetValue("stat", out var stat) || stat.Length == 0)
            return false;

        receipt = new DeliveryReceipt(
            Id: id,
            Submitted: Int(fields, "sub"),
            Delivered: Int(fields, "dlvrd"),
            SubmitDate: Date(fields, "submitdate"),
            DoneDate: Date(fields, "donedate"),
            Stat: stat,
            State: MessageStates.FromStat(stat),
            Error: fields.TryGetValue("err", out var err) && err.Length > 0 ? err : null,
            Text: fields.TryGetValue("text", out var body) ? body : null);
        return true;
    }

    /// <summary>
    /// The key that starts at <paramref name="at"/>, with optional spaces and a colon after it, and where its value
    /// starts. A key must not follow a letter, so "Paid:" holds no id.
    /// </summary>
    private static bool KeyAt(string text, int at, out string key, out int valueStart)
    {
        key = "";
        valueStart = at;
        if (at > 0 && char.IsAsciiLetter(text[at - 1]))
            return false;
        foreach (var (name, word, secondWord) in Keys)
        {
            if (!WordAt(text, at, word))
                continue;
            var i = at + word.Length;
            if (secondWord is not null)
            {
                while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '_'))
                    i++;
                if (!WordAt(text, i, secondWord))
                    continue;
                i += secondWord.Length;
            }
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (i == text.Length || text[i] != ':')
                continue;
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            (key, valueStart) = (name, i);
            return true;
        }
        return false;
    }

    private static bool WordAt(string text, int at, string word) =>
        at + word.Length <= text.Length && text.AsSpan(at, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    private static int? Int(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? Date(Dictionary<string, string> fields, string key)
    {
        if (!fields.TryGetValue(key, out var value))
            return null;
        foreach (var format in DateFormats)
            if (DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
                return new DateTimeOffset(date, TimeSpan.Zero);
        return null;
    }
}
