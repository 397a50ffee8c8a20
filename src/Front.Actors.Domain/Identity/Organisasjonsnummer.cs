namespace Front.Actors.Domain.Identity;

/// <summary>
/// A Norwegian organization number (organisasjonsnummer): nine digits whose last is a modulus-11 check digit
/// over the first eight with weights 3, 2, 7, 6, 5, 4, 3, 2, as Brønnøysundregistrene issues them. Spaces are
/// allowed when written ("923 609 016").
/// </summary>
public static class Organisasjonsnummer
{
    private static readonly int[] Weights = [3, 2, 7, 6, 5, 4, 3, 2];

    public static bool TryParse(string? input, out string number, out string reason)
    {
        number = new string((input ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (number.Length != 9 || !number.All(char.IsAsciiDigit))
        {
            reason = "an organization number is nine digits";
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (number[i] - '0') * Weights[i];
        var check = 11 - sum % 11;
        if (check == 11)
            check = 0;
        if (check == 10 || check != number[8] - '0')
        {
            reason = "the check digit does not match: not an organization number";
            return false;
        }
        reason = "";
        return true;
    }
}
