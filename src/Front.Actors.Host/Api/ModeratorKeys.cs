using System.Collections.Concurrent;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// Moderator keys known to this node, kept as hashes: each configured moderator
/// (<c>Moderators:0:Name</c>, <c>Moderators:0:Key</c>, …) signs decisions with their own name, plus the one
/// seeded in local mode.
/// </summary>
public sealed class ModeratorKeys
{
    private readonly ConcurrentDictionary<string, string> _names = new();

    public sealed record Moderator(string? Name, string? Key);

    public ModeratorKeys(IConfiguration configuration)
    {
        foreach (var moderator in configuration.GetSection("Moderators").Get<Moderator[]>() ?? [])
            if (!string.IsNullOrWhiteSpace(moderator.Key) && !string.IsNullOrWhiteSpace(moderator.Name))
                Add(moderator.Key, moderator.Name);
    }

    public void Add(string key, string name) => _names[AccountStore.Hash(key)] = name;

    /// <summary>The moderator's name for a key, or null.</summary>
    public string? Find(string key) => _names.TryGetValue(AccountStore.Hash(key), out var name) ? name : null;
}
