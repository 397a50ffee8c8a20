using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Engine.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Engine.Pipeline;

/// <summary>The outbound path: intake, status writer, binds, router, submit streams, receipts and resumption.</summary>
public static class OutboundServices
{
    /// <param name="operators">Who each number belongs to (number series and ported numbers).</param>
    public static IServiceCollection AddOutbound(this IServiceCollection services, Func<OperatorDirectory> operators) => services
        .AddSingleton(PriceList.Default)
        .AddSingleton(_ => operators())
        .AddSingleton<MessageIntake>()
        .AddSingleton<Senders.SenderCheck>()
        .AddSingleton<Senders.SenderService>()
        .AddSingleton<StatusWriter>()
        .AddSingleton<ReceiptIntake>()
        .AddSingleton<OperatorBinds>()
        .AddSingleton<MessageRouter>()
        .AddSingleton<SuspensionGate>()
        .AddSingleton<OutboundPipeline>()
        .AddSingleton<PipelineMetrics>()
        .AddSingleton<Resumption>();
}
