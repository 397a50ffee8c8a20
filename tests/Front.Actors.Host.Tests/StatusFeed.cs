using System.Threading.Channels;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>A customer's live status updates over a real SignalR connection, read in the order they arrive.</summary>
internal sealed class StatusFeed : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly HubConnection _connection;
    private readonly Channel<MessageStatusUpdate> _updates = Channel.CreateUnbounded<MessageStatusUpdate>();

    private StatusFeed(HubConnection connection)
    {
        _connection = connection;
        connection.On<MessageStatusUpdate>(nameof(IMessagesClient.StatusChanged), u => _updates.Writer.TryWrite(u));
    }

    public static async Task<StatusFeed> ConnectAsync(EngineHost host) => new(await host.ConnectHubAsync());

    /// <summary>The statuses one message goes through, up to and including <paramref name="final"/>.</summary>
    public async Task<List<string>> StatusesUntilAsync(string id, string final)
    {
        var seen = new List<string>();
        while (seen.LastOrDefault() != final)
        {
            var update = await _updates.Reader.ReadAsync().AsTask().WaitAsync(Limit);
            if (update.Id == id)
                seen.Add(update.Status);
        }
        return seen;
    }

    /// <summary>Waits until <paramref name="count"/> different messages were delivered and returns their ids.</summary>
    public async Task<HashSet<string>> DeliveredAsync(int count)
    {
        var delivered = new HashSet<string>();
        while (delivered.Count < count)
        {
            var update = await _updates.Reader.ReadAsync().AsTask().WaitAsync(Limit);
            if (update.Status == "delivered")
                delivered.Add(update.Id);
        }
        return delivered;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
