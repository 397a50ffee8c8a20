using System.Globalization;

namespace Front.Actors.Domain.Inbound;

/// <summary>
/// A keyword (kodeord) on a shared short number: letters (æøå included) and digits, upper case, so that
/// "pizza", "Pizza" and "PIZZA" are one keyword.
/// </summary>
public readonly record struct Keyword
{
    public const int MaxLength = 20;

    private Keyword(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? raw, out Keyword keyword, out string reason)
    {
        keyword = default;
        var text = ComposeNorwegian(raw?.Trim() ?? "");
        if (text.Length is 0 or > MaxLength || !text.All(char.IsLetterOrDigit))
        {
            reason = $"a keyword is 1 to {MaxLength} letters or digits, without spaces";
            return false;
        }
        keyword = new Keyword(Normalize(text));
        reason = "";
        return true;
    }

    /// <summary>Upper case without regard to the server's culture, so keywords compare the same everywhere.</summary>
    internal static string Normalize(string word) => word.ToUpper(CultureInfo.InvariantCulture);

    /// <summary>
    /// Å typed as A + combining ring (decomposed, as some phones send UCS-2) becomes the one letter, so it
    /// matches a keyword registered with Å. The engine runs with invariant globalization, where
    /// string.Normalize does not compose; æ and ø have no decomposed form.
    /// </summary>
    internal static string ComposeNorwegian(string text) =>
        text.Contains('\u030A') ? text.Replace("a\u030A", "å").Replace("A\u030A", "Å") : text;

    public override string ToString() => Value;
}
