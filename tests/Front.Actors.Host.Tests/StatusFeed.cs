using System.Text.Json;
using System.Threading.Channels;
using Front.Actors.Host.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Front.Actors.Host.Tests;

/// <summary>
/// A customer's live status updates over a real SignalR connection, read in the order they arrive. Kept as the JSON
/// the hub sent, so tests can compare field names and values with the HTTP API's.
/// </summary>
internal sealed class StatusFeed : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _updates = Channel.CreateUnbounded<JsonElement>();

    private StatusFeed(HubConnection connection, bool batched)
    {
        _connection = connection;
        if (batched)
            connection.On<JsonElement>(nameof(IMessagesClient.StatusesChanged), list =>
            {
                foreach (var u in list.EnumerateArray())
                    _updates.Writer.TryWrite(u.Clone());
            });
        else
            connection.On<JsonElement>(nameof(IMessagesClient.StatusChanged), u => _updates.Writer.TryWrite(u.Clone()));
    }

    /// <param name="batched">Connects with <c>?batched=true</c> and reads the lists it is sent, one update at a time.</param>
    public static async Task<StatusFeed> ConnectAsync(EngineHost host, bool batched = false) => new(await host.ConnectHubAsync(batched), batched);

    /// <summary>The statuses one message goes through, up to and including <paramref name="final"/>.</summary>
    public async Task<List<string>> StatusesUntilAsync(string id, string final) =>
        (await UpdatesUntilAsync(id, final)).Select(u => u.GetProperty("status").GetString()!).ToList();

    /// <summary>
    /// The updates of one message as the hub sent them, up to and including the one with status <paramref name="final"/>;
    /// <paramref name="onArrival"/> sees each as it arrives, before the next is read (to ask the API what it shows then).
    /// </summary>
    public async Task<List<JsonElement>> UpdatesUntilAsync(string id, string final, Func<JsonElement, Task>? onArrival = null)
    {
        var seen = new List<JsonElement>();
        while (seen.Count == 0 || seen[^1].GetProperty("status").GetString() != final)
        {
            var update = await NextAsync();
            if (update.GetProperty("id").GetString() != id)
                continue;
            seen.Add(update);
            if (onArrival is not null)
                await onArrival(update);
        }
        return seen;
    }

    /// <summary>Every update read until one of <paramref name="id"/> with status <paramref name="final"/> arrived, that one included.</summary>
    public async Task<List<JsonElement>> AllUntilAsync(string id, string final)
    {
        var seen = new List<JsonElement>();
        while (seen.Count == 0 || seen[^1].GetProperty("id").GetString() != id || seen[^1].GetProperty("status").GetString() != final)
            seen.Add(await NextAsync());
        return seen;
    }

    /// <summary>Waits until <paramref name="count"/> different messages were delivered and returns their ids.</summary>
    public async Task<HashSet<string>> DeliveredAsync(int count)
    {
        var delivered = new HashSet<string>();
        while (delivered.Count < count)
        {
            var update = await NextAsync();
            if (update.GetProperty("status").GetString() == "delivered")
                delivered.Add(update.GetProperty("id").GetString()!);
        }
        return delivered;
    }

    private async Task<JsonElement> NextAsync() => await _updates.Reader.ReadAsync().AsTask().WaitAsync(Limit);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
