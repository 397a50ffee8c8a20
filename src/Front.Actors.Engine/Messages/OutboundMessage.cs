using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Text;

namespace Front.Actors.Engine.Messages;

/// <summary>
/// An accepted message on its way through the pipeline. <see cref="ExcludedBinds"/> grows when a bind gives it
/// back; <see cref="SentParts"/> holds the parts an operator already accepted, which are never sent again.
/// </summary>
public sealed record OutboundMessage(
    string Id,
    string AccountId,
    Sender Sender,
    MobileNumber Recipient,
    MessageText Text,
    Operator? HomeOperator)
{
    public IReadOnlySet<string> ExcludedBinds { get; init; } = new HashSet<string>();

    public IReadOnlySet<int> SentParts { get; init; } = new HashSet<int>();

    /// <summary>
    /// The concatenation reference of the message's parts, the same for every attempt and across restarts, so
    /// that parts sent again after a hand-back join those the handset already has (FNV-1a of the id).
    /// </summary>
    public ushort ConcatenationReference
    {
        get
        {
            var hash = 2166136261u;
            foreach (var c in Id)
                hash = (hash ^ c) * 16777619u;
            return (ushort)(hash ^ (hash >> 16));
        }
    }
}
