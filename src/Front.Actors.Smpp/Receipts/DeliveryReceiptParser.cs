using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Front.Actors.Smpp.Receipts;

/// <summary>
/// Reads receipt text in the usual Appendix B layout, tolerant of what operators do to it: key case,
/// extra spaces, fields left out, dates with or without seconds, and a <c>text:</c> that runs to the end.
/// </summary>
public static partial class DeliveryReceiptParser
{
    // Keys in the order they appear; text: is last and takes the rest, colons and all. A key must not follow a
    // letter, so "Paid:" holds no id; "submit_date" and "submitdate" are seen in the wild too.
    [GeneratedRegex(@"(?<![a-z])(?<key>id|sub|dlvrd|submit[\s_]*date|done[\s_]*date|stat|err|text)\s*:\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"[\s_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    /// <summary>
    /// Reads <paramref name="text"/> as a receipt. False when it has no id or no stat, the two fields a receipt
    /// cannot do without; any other field that is missing or unreadable is left null.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DeliveryReceipt? receipt)
    {
        receipt = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var matches = KeyPattern().Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var key = Separator().Replace(matches[i].Groups["key"].Value.ToLowerInvariant(), "");
            if (fields.ContainsKey(key))
                continue;
            var start = matches[i].Index + matches[i].Length;
            var end = key == "text" || i + 1 == matches.Count ? text.Length : matches[i + 1].Index;
            fields[key] = text[start..end].Trim();
            if (key == "text")
                break;
        }

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

    private static int? Int(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? Date(Dictionary<string, string> fields, string key)
    {
        if (!fields.TryGetValue(key, out var value))
            return null;
        foreach (var format in (string[])["yyMMddHHmmss", "yyMMddHHmm"])
            if (DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
                return new DateTimeOffset(date, TimeSpan.Zero);
        return null;
    }
}
