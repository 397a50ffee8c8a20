namespace Front.Actors.Host.Identity;

/// <summary>The <c>TwoFactor</c> section: how sign-in codes are sent.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>The provider's sender name on sign-in codes (alphanumeric, at most 11 characters, or a number).</summary>
    public string Sender { get; init; } = "Front";
}
