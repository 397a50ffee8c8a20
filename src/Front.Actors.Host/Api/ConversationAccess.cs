using System.Security.Claims;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// Tenancy for threads, the same over HTTP and on the hub: a caller acts only on threads of the accounts
/// it may see. An unknown thread is 404, another account's 403.
/// </summary>
public static class ConversationAccess
{
    public sealed record Denied(int Status, string Reason);

    public static async Task<(ConversationSummary? Summary, Denied? Denied)> FindVisibleAsync(
        this ConversationStore store, ClaimsPrincipal user, string conversationId, CancellationToken ct = default)
    {
        var summary = await store.FindAsync(conversationId, ct);
        if (summary is null)
            return (null, new Denied(404, $"no conversation '{conversationId}'"));
        if (!user.VisibleAccounts().Contains(summary.AccountId))
            return (null, new Denied(403, "the conversation belongs to another account"));
        return (summary, null);
    }
}
