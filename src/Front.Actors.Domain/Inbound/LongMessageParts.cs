namespace Front.Actors.Domain.Inbound;

/// <summary>
/// Joins the parts of a long inbound message (concatenated SMS) in their order, whatever order they came in.
/// A part that came twice counts once; where parts are missing (given up on after the part timeout) the text
/// shows "…", so the reader sees that something is missing rather than a silently shorter message.
/// </summary>
public static class LongMessageParts
{
    public sealed record Joined(string Text, bool Complete, int Received, int Total);

    public static Joined Join(int total, IEnumerable<(int Sequence, string Text)> parts)
    {
        var texts = new string?[Math.Max(1, total)];
        foreach (var (sequence, text) in parts)
            if (sequence >= 1 && sequence <= texts.Length)
                texts[sequence - 1] ??= text;
        var joined = new System.Text.StringBuilder();
        var missing = false;
        foreach (var part in texts)
        {
            if (part is null)
            {
                missing = true;
                continue;
            }
            if (missing)
                joined.Append('…');
            joined.Append(part);
            missing = false;
        }
        if (missing)
            joined.Append('…');
        var received = texts.Count(t => t is not null);
        return new Joined(joined.ToString(), received == texts.Length, received, texts.Length);
    }
}
