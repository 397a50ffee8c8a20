namespace Front.Actors.Engine.Messages;

/// <summary>A send as the gateway received it: raw strings, validated by <see cref="MessageIntake"/>.</summary>
/// <param name="OptOutNotice">
/// The confirmation of a contact's own STOPP or START: it reaches them although they opted out (nothing else does).
/// </param>
/// <param name="ProviderNotice">A message of the provider itself (made only by <see cref="OfProvider"/>).</param>
/// <param name="ContentApproved">
/// A campaign's message: the campaign passed the content rules (links, bulk) as a whole, or a moderator approved it, so
/// its messages are not held one by one for them (the monthly limit and a suspension still apply).
/// </param>
public sealed record SendCommand(string AccountId, string From, IReadOnlyList<string> To, string Text, string? ClientRef, bool OptOutNotice = false,
    bool ProviderNotice = false, bool ContentApproved = false)
{
    /// <summary>The account id the provider's own messages are stored under (the one that also owns shared short numbers).</summary>
    public const string ProviderAccountId = "provider";

    /// <summary>
    /// A message the provider sends for itself, such as a sign-in code: it is no customer's traffic, so it is stored under
    /// <see cref="ProviderAccountId"/> and does not pass any account entity: never counted against a customer's volume or
    /// limits, never held by the misuse rules (a held sign-in code is a locked-out user), and its sender is the provider's
    /// own, configured, not a customer's registered name.
    /// </summary>
    /// <summary>
    /// What is stored in place of a provider notice's text: a sign-in code must not be readable in the database while it
    /// is valid. The pipeline sends the text it was handed; a notice not submitted before a restart expires instead.
    /// </summary>
    public const string WithheldText = "[provider notice: text not stored]";

    public static SendCommand OfProvider(string from, string to, string text, string clientRef) =>
        new(ProviderAccountId, from, [to], text, clientRef, ProviderNotice: true);
}

/// <summary>The outcome of a send: accepted messages (stored) and recipients refused with a reason.</summary>
public sealed record SendResult(IReadOnlyList<AcceptedMessage> Messages, IReadOnlyList<RejectedRecipient> Rejected);

public sealed record AcceptedMessage(string Id, string To, string Status, int Segments, string Encoding);

public sealed record RejectedRecipient(string To, string Reason);

/// <summary>
/// A send refused as a whole, naming each bad field and why; its kind chooses the status, and a refusal that passes
/// with time (<see cref="RefusalKind.TooMany"/>) says when to try again.
/// </summary>
public sealed class SendRefusedException(IReadOnlyDictionary<string, string[]> errors, RefusalKind kind = RefusalKind.Invalid, TimeSpan? retryAfter = null)
    : Exception(string.Join("; ", errors.SelectMany(e => e.Value.Select(r => $"{e.Key}: {r}"))))
{
    public SendRefusedException(string field, string reason, RefusalKind kind = RefusalKind.Invalid, TimeSpan? retryAfter = null)
        : this(new Dictionary<string, string[]> { [field] = [reason] }, kind, retryAfter)
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>The first bad field (for callers that report one).</summary>
    public string Field => Errors.Keys.First();

    public string Reason => Errors.Values.First()[0];

    public RefusalKind Kind { get; } = kind;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The bad fields of a send, collected before refusing it.</summary>
public sealed class SendErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
            _errors[field] = reasons = new List<string>();
        reasons.Add(reason);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new SendRefusedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
