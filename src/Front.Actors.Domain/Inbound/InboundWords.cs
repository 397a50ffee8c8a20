using System.Globalization;

namespace Front.Actors.Domain.Inbound;

/// <summary>
/// The first two words of an inbound message, as keyword routing reads them: upper case, punctuation and
/// symbols around them removed («Pizza», → PIZZA), words of nothing but punctuation or emoji skipped.
/// </summary>
public sealed record InboundWords(string? First, string? Second, string Text)
{
    public static InboundWords Parse(string? text)
    {
        var trimmed = Keyword.ComposeNorwegian(text?.Trim() ?? "");
        var words = new List<string>(2);
        foreach (var token in trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = Clean(token);
            if (word.Length == 0)
                continue;
            words.Add(Keyword.Normalize(word));
            if (words.Count == 2)
                break;
        }
        return new InboundWords(words.ElementAtOrDefault(0), words.ElementAtOrDefault(1), trimmed);
    }

    /// <summary>Strips characters that are not letters or digits from both ends of a token.</summary>
    private static string Clean(string token)
    {
        var start = 0;
        var end = token.Length;
        while (start < end && !char.IsLetterOrDigit(token[start]))
            start++;
        while (end > start && !IsWordChar(token, end - 1))
            end--;
        return token[start..end];
    }

    // Combining marks stay with the letter they follow instead of being stripped as punctuation (a word still
    // starts with a letter or digit, so an emoji's variation selector is not a word).
    private static bool IsWordChar(string s, int i) =>
        char.IsLetterOrDigit(s[i]) || CharUnicodeInfo.GetUnicodeCategory(s, i) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
