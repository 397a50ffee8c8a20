using System.Net;

namespace Front.Actors.Domain.Identity;

/// <summary>
/// When a sign-in needs a code by SMS: the user's organization requires it, and the sign-in does not come from one of
/// the organization's trusted ranges (its offices, its VPN). No trusted ranges means no address is trusted; an unknown
/// address is never trusted.
/// </summary>
public static class TwoFactorPolicy
{
    public static bool Requires(bool requireTwoFactor, IpRanges trusted, IPAddress? from) =>
        requireTwoFactor && (trusted.IsAny || from is null || !trusted.Contains(from));
}
