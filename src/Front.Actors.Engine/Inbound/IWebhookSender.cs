namespace Front.Actors.Engine.Inbound;

/// <summary>Delivers an inbound message to a customer's webhook: signed, retried with back-off, outcome recorded.</summary>
public interface IWebhookSender
{
    void Enqueue(WebhookDelivery delivery);
}

/// <summary>One inbound message for one webhook URL.</summary>
public sealed record WebhookDelivery(string AccountId, string Url, string? Secret, InboundWebhookBody Body);

/// <summary>The JSON a webhook receives.</summary>
public sealed record InboundWebhookBody(string Id, string From, string To, string Text, string? Keyword, string? SubKeyword, string ConversationId, DateTimeOffset ReceivedAt);
