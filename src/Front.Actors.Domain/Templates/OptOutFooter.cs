namespace Front.Actors.Domain.Templates;

/// <summary>
/// The line appended to a campaign text that tells people how to opt out, in the words the STOPP handling
/// understands: with the account's keyword on a shared number, or plain STOPP to a number of its own.
/// </summary>
public static class OptOutFooter
{
    public static string ForKeyword(string keyword, string shortNumber) => $"Reservér deg: send STOPP {keyword.ToUpperInvariant()} til {shortNumber}";

    public static string ForOwnNumber(string number) => $"Reservér deg: send STOPP til {number}";

    public static string Append(string text, string footer) => $"{text.TrimEnd()}\n{footer}";
}
