namespace Front.Actors.Domain.Numbers;

/// <summary>
/// How alphanumeric sender names are compared: "DNB", "dnb", "D.N.B" and "DN8" are one name to a reader, so they are
/// one name here. Upper case, letters and digits only, and look-alike digits and letters folded together
/// (0→O, 1/L→I, 3→E, 5→S, 8→B), so a protected or registered name cannot be dodged by spelling it differently.
/// </summary>
public static class SenderName
{
    public static string Canonical(string name)
    {
        var chars = new List<char>(name.Length);
        foreach (var c in name.ToUpperInvariant())
        {
            if (!char.IsAsciiLetterOrDigit(c))
                continue;
            chars.Add(c switch
            {
                '0' => 'O',
                '1' or 'L' => 'I',
                '3' => 'E',
                '5' => 'S',
                '8' => 'B',
                _ => c,
            });
        }
        return new string(chars.ToArray());
    }

    /// <summary>True when the two names read as the same name.</summary>
    public static bool Same(string a, string b) => Canonical(a) == Canonical(b);
}
