using System.Security.Cryptography;
using System.Text;

namespace Front.Actors.Domain.Identity;

/// <summary>
/// A sign-in code sent by SMS: six digits from a cryptographic source, kept only as a hash, valid for
/// <see cref="Lifetime"/>, used once, and given up after <see cref="MaxAttempts"/> wrong tries (a million codes
/// and five tries: a guesser's chance is 1 in 200,000 per code sent).
/// </summary>
public sealed class OneTimeCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;

    private readonly byte[] _hash;

    private OneTimeCode(byte[] hash, DateTimeOffset expiresAt)
    {
        _hash = hash;
        ExpiresAt = expiresAt;
    }

    /// <summary>The hash to store (hex); the digits themselves are never kept.</summary>
    public string StoredHash => Convert.ToHexStringLower(_hash);

    /// <summary>A code as stored (a challenge read back on any node): its hash, expiry, tries so far and whether it was used.</summary>
    public static OneTimeCode Restore(string storedHash, DateTimeOffset expiresAt, int attempts, bool used) =>
        new(Convert.FromHexString(storedHash), expiresAt) { Attempts = attempts, Used = used };

    public DateTimeOffset ExpiresAt { get; }
    public int Attempts { get; private set; }
    public bool Used { get; private set; }

    /// <summary>A new code: the digits to send (never stored) and the code that checks them.</summary>
    public static (string Digits, OneTimeCode Code) Issue(DateTimeOffset now)
    {
        var digits = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        return (digits, new OneTimeCode(Hash(digits), now + Lifetime));
    }

    public CodeCheck Check(string? digits, DateTimeOffset now)
    {
        if (Used)
            return CodeCheck.AlreadyUsed;
        if (now >= ExpiresAt)
            return CodeCheck.Expired;
        if (Attempts >= MaxAttempts)
            return CodeCheck.TooManyAttempts;
        Attempts++;
        var given = Hash((digits ?? "").Trim());
        if (!CryptographicOperations.FixedTimeEquals(given, _hash))
            return Attempts >= MaxAttempts ? CodeCheck.TooManyAttempts : CodeCheck.Wrong;
        Used = true;
        return CodeCheck.Accepted;
    }

    private static byte[] Hash(string digits) => SHA256.HashData(Encoding.ASCII.GetBytes(digits));
}

public enum CodeCheck
{
    Accepted,
    Wrong,
    Expired,
    AlreadyUsed,
    TooManyAttempts,
}
