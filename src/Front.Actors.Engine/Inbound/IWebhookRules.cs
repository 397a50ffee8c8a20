namespace Front.Actors.Engine.Inbound;

/// <summary>Whether the rule that made a delivery still exists for its account, and its (protected) secret now.</summary>
public interface IWebhookRules
{
    Task<(bool Found, string? ProtectedSecret)> FindAsync(string accountId, InboundWebhookBody body, string url, CancellationToken ct = default);
}
