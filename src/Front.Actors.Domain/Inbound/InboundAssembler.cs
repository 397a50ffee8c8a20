using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Inbound;

/// <summary>
/// Whether an inbound part completed its message, and the whole text if it did; <paramref name="Tags"/> are
/// those of every delivery that made it up (redeliveries included), so each can be answered.
/// </summary>
public sealed record AssemblyResult<TTag>(bool Complete, string? Text, int PartsReceived, int PartsTotal, IReadOnlyList<TTag> Tags);

/// <summary>A long message whose parts stopped coming: what arrived, with "…" where parts are missing.</summary>
public sealed record IncompleteMessage<TTag>(
    string From, string To, ushort Reference, string Text, int PartsReceived, int PartsTotal, DateTimeOffset FirstPartAt, IReadOnlyList<TTag> Tags);

/// <summary>
/// Puts concatenated inbound parts back together. Parts may come in any order and more than once (operators
/// redeliver); a group is keyed by sender, recipient, reference and part count. Groups that wait longer than
/// the timeout are handed out by <see cref="Expire"/> so that nothing is lost. Each part carries a tag (the
/// engine's: how to answer the operator for it), handed back with the message. Not thread-safe: one caller.
/// </summary>
public sealed class InboundAssembler<TTag>(TimeSpan partTimeout)
{
    private readonly Dictionary<(string From, string To, ushort Reference, byte Total), Group> _groups = new();

    public int Pending => _groups.Count;

    public AssemblyResult<TTag> Add(string from, string to, ConcatenationInfo? concatenation, string text, DateTimeOffset now, TTag tag)
    {
        if (concatenation is not { Total: > 1 } info || info.Sequence < 1 || info.Sequence > info.Total)
            return new AssemblyResult<TTag>(true, text, 1, 1, [tag]);

        var key = (from, to, info.Reference, info.Total);
        if (!_groups.TryGetValue(key, out var group))
            _groups[key] = group = new Group(new string?[info.Total], now, []);
        group.Parts[info.Sequence - 1] ??= text; // a redelivered part changes nothing but must be answered too
        group.Tags.Add(tag);
        var received = group.Parts.Count(p => p is not null);
        if (received < info.Total)
            return new AssemblyResult<TTag>(false, null, received, info.Total, []);
        _groups.Remove(key);
        return new AssemblyResult<TTag>(true, string.Concat(group.Parts), received, info.Total, group.Tags);
    }

    public IReadOnlyList<IncompleteMessage<TTag>> Expire(DateTimeOffset now)
    {
        var expired = _groups.Where(g => now - g.Value.FirstPartAt >= partTimeout).ToList();
        foreach (var (key, _) in expired)
            _groups.Remove(key);
        return expired.Select(g => new IncompleteMessage<TTag>(g.Key.From, g.Key.To, g.Key.Reference, JoinArrived(g.Value.Parts),
            g.Value.Parts.Count(p => p is not null), g.Key.Total, g.Value.FirstPartAt, g.Value.Tags)).ToList();
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

    private sealed record Group(string?[] Parts, DateTimeOffset FirstPartAt, List<TTag> Tags);
}
