namespace Front.Actors.Domain.Inbound;

public enum OptOutIntent
{
    None,
    OptOut,
    OptIn,
}

/// <summary>
/// Stop and start words: a message whose first word is one of them opts the contact out of (or back into)
/// messages from the number it was sent to. STOPP, STOP and AVMELD stop; START starts; more can be added.
/// </summary>
public sealed class OptOutWords
{
    private readonly HashSet<string> _stop;
    private readonly HashSet<string> _start;

    public OptOutWords(IEnumerable<string>? extraStopWords = null, IEnumerable<string>? extraStartWords = null)
    {
        _stop = ["STOPP", "STOP", "AVMELD", .. (extraStopWords ?? []).Select(Normalize)];
        _start = ["START", .. (extraStartWords ?? []).Select(Normalize)];
    }

    public static OptOutWords Default { get; } = new();

    public OptOutIntent Classify(string? text)
    {
        var first = InboundWords.Parse(text).First;
        if (first is null)
            return OptOutIntent.None;
        if (_stop.Contains(first))
            return OptOutIntent.OptOut;
        return _start.Contains(first) ? OptOutIntent.OptIn : OptOutIntent.None;
    }

    private static string Normalize(string word) => InboundWords.Parse(word).First ?? "";
}
