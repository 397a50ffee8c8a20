using System.Collections.Concurrent;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>Moderator keys known to this node (configured or seeded in local mode), kept as hashes.</summary>
public sealed class ModeratorKeys
{
    private readonly ConcurrentDictionary<string, string> _names = new();

    public void Add(string key, string name) => _names[AccountStore.Hash(key)] = name;

    /// <summary>The moderator's name for a key, or null.</summary>
    public string? Find(string key) => _names.TryGetValue(AccountStore.Hash(key), out var name) ? name : null;
}
