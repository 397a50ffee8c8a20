using System.Collections.Concurrent;
using Front.Actors.Engine.Storage;
using Microsoft.Extensions.Options;

namespace Front.Actors.Host.Api.Keys;

/// <summary>
/// Keys' last-used times without a write per request: each key's use is noted in memory at most once a minute
/// and the noted times are written together every <see cref="ApiKeyOptions.LastUsedFlushInterval"/> and at
/// shutdown. So <c>lastUsedAt</c> is right to about a minute; a crash loses at most one interval's times.
/// </summary>
public sealed class ApiKeyUsage(ApiKeyStore store, IOptions<ApiKeyOptions> options, ILogger<ApiKeyUsage> log) : BackgroundService
{
    private static readonly TimeSpan NoteEvery = TimeSpan.FromMinutes(1);

    // In memory, per node: the last time each key's use was noted here, and those noted but not yet written.
    // Each node notes and writes its own; the listing on a node shows its own unwritten times too.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _noted = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new();

    public void Touch(string keyId, DateTimeOffset now)
    {
        if (_noted.TryGetValue(keyId, out var last) && now - last < NoteEvery)
            return;
        _noted[keyId] = now;
        _pending[keyId] = now;
    }

    /// <summary>The later of the stored time and a use noted on this node.</summary>
    public DateTimeOffset? LastUsed(ApiKeyRecord key) =>
        _noted.TryGetValue(key.Id, out var noted) && (key.LastUsedAt is null || noted > key.LastUsedAt) ? noted : key.LastUsedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LastUsedFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var taken = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var keyId in _pending.Keys)
            if (_pending.TryRemove(keyId, out var at))
                taken.Add(new(keyId, at));
        try
        {
            await store.RecordUseAsync(taken, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException)
        {
            // Tried again at the next flush, unless a newer use was noted meanwhile.
            foreach (var (keyId, at) in taken)
                _pending.TryAdd(keyId, at);
            log.LogWarning(e, "Could not write {Count} API keys' last-used times", taken.Count);
        }
    }
}
