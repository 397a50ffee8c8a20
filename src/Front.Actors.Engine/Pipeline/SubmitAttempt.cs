using Front.Actors.Engine.Messages;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// One routing of one message: the parts sent on one bind and how each came back. When every part has an
/// answer and a bind gave some back, the message is routed again with the parts that were accepted left out.
/// In memory only, for the life of the attempt: after a restart the stored parts say what was accepted.
/// </summary>
public sealed class SubmitAttempt(OutboundMessage message, int partsSent)
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _accepted = new();
    private int _outstanding = partsSent;
    private bool _handedBack;
    private bool _withheld;
    private bool _refused;

    public OutboundMessage Message { get; } = message;

    /// <summary>
    /// Records a part's answer. <c>RejectMessage</c> is true for the first refusal only (the message is rejected
    /// once, whatever its other parts do); <c>RouteAgain</c> is the message to route again once every part has
    /// answered and a bind gave some back.
    /// </summary>
    public (bool RejectMessage, OutboundMessage? RouteAgain) Answer(int part, PartAnswer answer, string bind)
    {
        lock (_lock)
        {
            var reject = false;
            switch (answer)
            {
                case PartAnswer.Accepted:
                    _accepted.Add(part);
                    break;
                case PartAnswer.HandedBack:
                    _handedBack = true;
                    break;
                case PartAnswer.Withheld:
                    _withheld = true;
                    break;
                default:
                    reject = !_refused;
                    _refused = true;
                    break;
            }
            if (--_outstanding > 0 || !(_handedBack || _withheld) || _refused)
                return (reject, null);
            // A bind that only withheld parts (the account was suspended) did nothing wrong: it is not avoided later.
            return (reject, Message with
            {
                ExcludedBinds = _handedBack ? new HashSet<string>(Message.ExcludedBinds) { bind } : Message.ExcludedBinds,
                SentParts = new HashSet<int>(Message.SentParts.Concat(_accepted)),
            });
        }
    }
}

public enum PartAnswer
{
    Accepted,
    HandedBack,
    Refused,

    /// <summary>Not submitted: the account was suspended while the part waited for the bind.</summary>
    Withheld,
}
