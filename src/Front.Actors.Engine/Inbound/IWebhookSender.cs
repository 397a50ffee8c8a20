namespace Front.Actors.Engine.Inbound;

/// <summary>Delivers an inbound message to a customer's webhook: signed, retried with back-off, outcome recorded.</summary>
public interface IWebhookSender
{
    /// <summary>
    /// Records the delivery under <paramref name="id"/> (once: a second call with the same id changes nothing) and
    /// then delivers it in the background. Completes when the delivery is stored.
    /// </summary>
    Task EnqueueAsync(string id, WebhookDelivery delivery);
}

/// <summary>One inbound message for one webhook URL.</summary>
public sealed record WebhookDelivery(string AccountId, string Url, string? Secret, InboundWebhookBody Body);

/// <summary>The JSON a webhook receives.</summary>
public sealed record InboundWebhookBody(string Id, string From, string To, string Text, string? Keyword, string? SubKeyword, string ConversationId, DateTimeOffset ReceivedAt);
