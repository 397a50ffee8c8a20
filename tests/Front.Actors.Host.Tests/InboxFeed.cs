using System.Threading.Channels;
using Front.Actors.Engine.Conversations;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>An agent's live inbox over a real SignalR connection, read in the order updates arrive.</summary>
internal sealed class InboxFeed : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly Channel<InboxUpdate> _updates = Channel.CreateUnbounded<InboxUpdate>();
    private readonly Channel<AgentActivity> _activity = Channel.CreateUnbounded<AgentActivity>();

    private InboxFeed(HubConnection connection)
    {
        Connection = connection;
        connection.On<InboxUpdate>(nameof(IInboxClient.InboxUpdated), u => _updates.Writer.TryWrite(u));
        connection.On<AgentActivity>(nameof(IInboxClient.AgentActivity), a => _activity.Writer.TryWrite(a));
    }

    public HubConnection Connection { get; }

    public static async Task<InboxFeed> ConnectAsync(EngineHost host, string token) => new(await host.ConnectInboxHubAsync(token));

    /// <summary>The next update that matches, skipping others.</summary>
    public async Task<InboxUpdate> NextAsync(Func<InboxUpdate, bool> match)
    {
        while (true)
        {
            var update = await _updates.Reader.ReadAsync().AsTask().WaitAsync(Limit);
            if (match(update))
                return update;
        }
    }

    public Task<InboxUpdate> NextMessageAsync(string direction) => NextAsync(u => u.Kind == "message" && u.Message!.Direction == direction);

    public Task<AgentActivity> NextActivityAsync() => _activity.Reader.ReadAsync().AsTask().WaitAsync(Limit);

    /// <summary>Updates received so far without waiting.</summary>
    public List<InboxUpdate> Received()
    {
        var list = new List<InboxUpdate>();
        while (_updates.Reader.TryRead(out var update))
            list.Add(update);
        return list;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
