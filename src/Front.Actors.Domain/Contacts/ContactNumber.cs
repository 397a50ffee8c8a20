using System.Diagnostics.CodeAnalysis;
using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Contacts;

/// <summary>
/// A contact's number as people write it in lists (+47 912 34 567, 0047 91234567, 912-34-567), checked and in E.164.
/// Spreadsheets also drop the '+' (4791234567) and use non-breaking spaces; both are forgiven here.
/// </summary>
public static class ContactNumber
{
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? reason)
    {
        e164 = null;
        var text = (input ?? "").Replace('\u00A0', ' ').Trim();
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        // 47 + eight digits with nothing else but separators: a Norwegian number whose '+' a spreadsheet ate.
        if (digits.Length == 10 && digits.StartsWith("47", StringComparison.Ordinal) && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'))
            text = "+" + digits;
        if (!MobileNumberParser.TryParse(text, out var number, out reason))
        {
            reason = text.Length == 0 ? "no number" : $"'{Shorten(text)}': {reason}";
            return false;
        }
        e164 = number.E164;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
