using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// Route and price: chooses a bind for a message (its home operator's if up, else another's as roaming,
/// never one that gave it back; waits while none is up), records the route and price as its "queued" step,
/// and puts the parts not yet accepted by an operator on that bind's queue.
/// </summary>
public sealed class MessageRouter(OperatorBinds binds, StatusWriter writer, PriceList prices)
{
    public async Task RouteAsync(OutboundMessage message)
    {
        Route? route;
        while ((route = RoutePlanner.Choose(message.HomeOperator, binds.All.Select(b => b.Availability).ToList(), message.ExcludedBinds.ToHashSet())) is null)
        {
            if (message.ExcludedBinds.Count > 0 && binds.All.Any(b => b.IsUp))
                message = message with { ExcludedBinds = new HashSet<string>() }; // every bind failed once: try them all again
            else
                await binds.WhenAnyUp();
        }

        var bind = binds.All.First(b => b.Name == route.BindName);
        var price = prices.PriceOf(route, message.Text.Segments);
        var detail = route.IsRoaming ? $"route {route.BindName} via {route.Via} (roaming from {route.Home}), roaming fee {price.RoamingOre} øre" : $"route {route.BindName}";
        if (message.ExcludedBinds.Count > 0)
            detail = $"re-routed after {string.Join(", ", message.ExcludedBinds)} gave it back; {detail}";
        if (message.SentParts.Count > 0)
            detail += $"; parts {string.Join(",", message.SentParts.Order())} already accepted, not sent again";
        await writer.PostAsync(new StatusChange(message.Id, message.AccountId, MessageStatus.Queued, DateTimeOffset.UtcNow, detail, route.Via, route.BindName, price.TotalOre));

        var parts = SmsSplitter.Split(message.Text.Text, message.Text.Encoding, message.ConcatenationReference);
        var toSend = Enumerable.Range(1, parts.Count).Where(p => !message.SentParts.Contains(p)).ToList();
        var attempt = new SubmitAttempt(message, toSend.Count);
        foreach (var part in toSend)
            await bind.Queue.Writer.WriteAsync(new PartSubmit(message, route, part, parts.Count, attempt, new SubmitRequest($"{message.Id}#{part}", new SubmitSm
            {
                SourceAddrTon = message.Sender.Ton,
                SourceAddrNpi = message.Sender.Npi,
                SourceAddr = message.Sender.SmppAddress,
                DestAddrTon = 1,
                DestAddrNpi = 1,
                DestinationAddr = message.Recipient.SmppAddress,
                EsmClass = parts.Count > 1 ? EsmClass.UdhIndicator : (byte)0,
                RegisteredDelivery = RegisteredDelivery.OnFinalOutcome,
                DataCoding = (Front.Actors.Smpp.Protocol.DataCoding)message.Text.Encoding,
                ShortMessage = parts[part - 1],
            })));
    }
}
