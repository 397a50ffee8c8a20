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
                default:
                    reject = !_refused;
                    _refused = true;
                    break;
            }
            if (--_outstanding > 0 || !_handedBack || _refused)
                return (reject, null);
            return (reject, Message with
            {
                ExcludedBinds = new HashSet<string>(Message.ExcludedBinds) { bind },
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
}
