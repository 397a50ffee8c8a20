using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Identity;

/// <summary>
/// The hub connections of signed-in users on this node, by session and user, so that a revoked session, a disabled
/// user or changed roles close them at once (the client reconnects and is authenticated anew, or refused).
/// In memory only: a connection lives on one node, and the revocation is made on the node that took the call; a
/// connection on another node keeps its claims until it reconnects (noted in the README).
/// </summary>
public sealed class HubConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, (string UserId, string Session, HubCallerContext Context)> _open = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User?.FindFirst(IdentityClaims.UserId)?.Value;
        var session = context.Context.User?.FindFirst(IdentityClaims.Session)?.Value;
        if (user is not null && session is not null)
            _open[context.Context.ConnectionId] = (user, session, context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    public void AbortSession(string sessionHash) => Abort(c => c.Session == sessionHash);

    public void AbortUser(string userId, string? exceptSession = null) => Abort(c => c.UserId == userId && c.Session != exceptSession);

    private void Abort(Func<(string UserId, string Session, HubCallerContext Context), bool> which)
    {
        foreach (var (id, connection) in _open.Where(e => which(e.Value)).ToList())
        {
            connection.Context.Abort();
            _open.TryRemove(id, out _);
        }
    }
}
