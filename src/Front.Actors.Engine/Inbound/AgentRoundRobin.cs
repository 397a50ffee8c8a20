using System.Collections.Concurrent;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// The agents of each account who marked themselves available, handed new threads in turn. In memory on
/// purpose: availability is presence, and an agent who is gone after a restart must mark it again.
/// </summary>
public sealed class AgentRoundRobin
{
    private readonly ConcurrentDictionary<string, Roster> _accounts = new();

    public void SetAvailable(string accountId, string agent, bool available)
    {
        var roster = _accounts.GetOrAdd(accountId, _ => new Roster());
        lock (roster)
        {
            roster.Agents.Remove(agent);
            if (available)
                roster.Agents.Add(agent);
        }
    }

    public IReadOnlyList<string> Available(string accountId) =>
        _accounts.TryGetValue(accountId, out var roster) ? Snapshot(roster) : [];

    /// <summary>The next available agent of the account, or null when nobody is available.</summary>
    public string? Next(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var roster))
            return null;
        lock (roster)
        {
            if (roster.Agents.Count == 0)
                return null;
            var agent = roster.Agents[roster.Turn % roster.Agents.Count];
            roster.Turn = (roster.Turn + 1) % roster.Agents.Count;
            return agent;
        }
    }

    private static IReadOnlyList<string> Snapshot(Roster roster)
    {
        lock (roster)
            return roster.Agents.ToList();
    }

    private sealed class Roster
    {
        public List<string> Agents { get; } = new();
        public int Turn { get; set; }
    }
}
