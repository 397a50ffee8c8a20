namespace Front.Actors.Domain.Identity;

/// <summary>
/// How many sign-in codes one user may be sent: at most <see cref="MaxPerWindow"/> within <see cref="Window"/>. It keeps a
/// guesser with the password from buying fresh tries (each code allows <see cref="OneTimeCode.MaxAttempts"/>) and keeps
/// anyone from texting a user's phone without end. Counted from the stored challenges, so every node sees the same count.
/// </summary>
public static class CodeSendLimit
{
    public const int MaxPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Null when another code may go now, else when the next may (the oldest send in the window leaves it).</summary>
    public static DateTimeOffset? NextAllowed(IEnumerable<DateTimeOffset> sentAt, DateTimeOffset now)
    {
        var recent = sentAt.Where(t => now - t < Window).Order().ToList();
        return recent.Count < MaxPerWindow ? null : recent[^MaxPerWindow] + Window;
    }
}
