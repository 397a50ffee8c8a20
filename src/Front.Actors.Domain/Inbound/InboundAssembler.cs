using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Inbound;

/// <summary>Whether an inbound part completed its message, and the whole text if it did.</summary>
public sealed record AssemblyResult(bool Complete, string? Text, int PartsReceived, int PartsTotal);

/// <summary>A long message whose parts stopped coming: what arrived, with "…" where parts are missing.</summary>
public sealed record IncompleteMessage(string From, string To, ushort Reference, string Text, int PartsReceived, int PartsTotal, DateTimeOffset FirstPartAt);

/// <summary>
/// Puts concatenated inbound parts back together. Parts may come in any order and more than once (operators
/// redeliver); a group is keyed by sender, recipient, reference and part count. Groups that wait longer than
/// the timeout are handed out by <see cref="Expire"/> so that nothing is lost. Not thread-safe: one caller.
/// </summary>
public sealed class InboundAssembler(TimeSpan partTimeout)
{
    private readonly Dictionary<(string From, string To, ushort Reference, byte Total), Group> _groups = new();

    public int Pending => _groups.Count;

    public AssemblyResult Add(string from, string to, ConcatenationInfo? concatenation, string text, DateTimeOffset now)
    {
        if (concatenation is not { Total: > 1 } info || info.Sequence < 1 || info.Sequence > info.Total)
            return new AssemblyResult(true, text, 1, 1);

        var key = (from, to, info.Reference, info.Total);
        if (!_groups.TryGetValue(key, out var group))
            _groups[key] = group = new Group(new string?[info.Total], now);
        group.Parts[info.Sequence - 1] ??= text; // a redelivered part changes nothing
        var received = group.Parts.Count(p => p is not null);
        if (received < info.Total)
            return new AssemblyResult(false, null, received, info.Total);
        _groups.Remove(key);
        return new AssemblyResult(true, string.Concat(group.Parts), received, info.Total);
    }

    public IReadOnlyList<IncompleteMessage> Expire(DateTimeOffset now)
    {
        var expired = _groups.Where(g => now - g.Value.FirstPartAt >= partTimeout).ToList();
        foreach (var (key, _) in expired)
            _groups.Remove(key);
        return expired.Select(g => new IncompleteMessage(g.Key.From, g.Key.To, g.Key.Reference, JoinArrived(g.Value.Parts),
            g.Value.Parts.Count(p => p is not null), g.Key.Total, g.Value.FirstPartAt)).ToList();
    }

    private static string JoinArrived(string?[] parts)
    {
        var text = new System.Text.StringBuilder();
        var missing = false;
        foreach (var part in parts)
        {
            if (part is null)
            {
                missing = true;
                continue;
            }
            if (missing)
                text.Append('…');
            text.Append(part);
            missing = false;
        }
        return missing ? text.Append('…').ToString() : text.ToString();
    }

    private sealed record Group(string?[] Parts, DateTimeOffset FirstPartAt);
}
