namespace Front.Actors.Domain.Identity;

/// <summary>
/// What a password must be (NIST SP 800-63B's advice: length over composition rules): at least
/// <see cref="MinLength"/> characters, at most <see cref="MaxLength"/>, not the user name or built from it,
/// not one of the passwords every guessing list starts with.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    // The start of every guessing list, plus Norwegian favourites; longer lists belong in a breached-password check.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "password1234", "passord12345", "qwertyuiopå", "qwertyuiop12", "sommer202020",
        "vinter123456", "passwordpassword", "passordpassord", "111111111111", "000000000000", "abcdefghijkl", "iloveyou1234",
        "welcome12345", "velkommen123", "hemmelig1234", "letmein12345", "administrator",
    };

    /// <summary>Null when the password will do, else why not (in words a person can act on).</summary>
    public static string? Refuse(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"at least {MinLength} characters";
        if (password.Length > MaxLength)
            return $"at most {MaxLength} characters";
        if (password.Distinct().Count() < 4)
            return "too few different characters";
        if (Common.Contains(password))
            return "one of the most used passwords: choose another";
        var name = (userName ?? "").Split('@')[0];
        if (name.Length >= 4 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            return "must not contain the user name";
        return null;
    }
}
