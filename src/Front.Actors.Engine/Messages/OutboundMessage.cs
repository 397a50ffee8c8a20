using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Text;

namespace Front.Actors.Engine.Messages;

/// <summary>An accepted message on its way through the pipeline; <see cref="ExcludedBinds"/> grows when a bind gives it back.</summary>
public sealed record OutboundMessage(
    string Id,
    string AccountId,
    Sender Sender,
    MobileNumber Recipient,
    MessageText Text,
    Operator? HomeOperator)
{
    public IReadOnlySet<string> ExcludedBinds { get; init; } = new HashSet<string>();
}
