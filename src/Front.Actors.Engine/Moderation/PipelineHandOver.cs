using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Moderation;

/// <summary>Hands released messages to this node's outbound pipeline.</summary>
public sealed class PipelineHandOver(OutboundPipeline pipeline, MessageIntake intake) : IHeldMessageHandOver
{
    public async Task HandOverAsync(IReadOnlyList<MessageRecord> released, CancellationToken ct = default)
    {
        foreach (var message in released)
            if (message.Status == MessageStatus.Accepted.ToWire() && intake.Rebuild(message) is { } outbound)
                await pipeline.EnqueueAsync(outbound, ct);
    }
}
