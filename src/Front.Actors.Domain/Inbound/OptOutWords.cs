namespace Front.Actors.Domain.Inbound;

public enum OptOutIntent
{
    None,
    OptOut,
    OptIn,
}

/// <summary>
/// Stop and start words: STOPP, STOP and AVMELD stop; START starts; more can be added. A stop or start word is
/// read as the first word ("STOPP", "STOPP DEMO") or after a keyword ("DEMO STOPP"), in any case and with
/// punctuation around it, so a contact on a shared number can name whose messages they mean in either order.
/// </summary>
public sealed class OptOutWords
{
    private readonly HashSet<string> _stop;
    private readonly HashSet<string> _start;

    public OptOutWords(IEnumerable<string>? extraStopWords = null, IEnumerable<string>? extraStartWords = null)
    {
        _stop = ["STOPP", "STOP", "AVMELD", .. (extraStopWords ?? []).Select(Normalize).Where(w => w.Length > 0)];
        _start = ["START", .. (extraStartWords ?? []).Select(Normalize).Where(w => w.Length > 0)];
    }

    public static OptOutWords Default { get; } = new();

    /// <summary>The intent of the message's first word alone (no keyword is looked at).</summary>
    public OptOutIntent Classify(string? text) => IntentOf(InboundWords.Parse(text).First);

    /// <summary>
    /// Reads a stop or start request. A stop/start word first is a request whatever follows; the word after it is
    /// its keyword if <paramref name="isKeyword"/> knows it ("STOPP DEMO"), else there is none ("STOPP nå").
    /// A stop/start word second is a request only after a known keyword ("DEMO STOPP"), so that an ordinary
    /// message such as "Hei stopp" is not taken as one.
    /// </summary>
    public OptOutRequest Read(InboundWords words, Func<string, bool> isKeyword)
    {
        if (IntentOf(words.First) is var first and not OptOutIntent.None)
            return new OptOutRequest(first, words.Second is { } k && isKeyword(k) ? k : null);
        if (words.First is { } keyword && IntentOf(words.Second) is var second and not OptOutIntent.None && isKeyword(keyword))
            return new OptOutRequest(second, keyword);
        return OptOutRequest.None;
    }

    private OptOutIntent IntentOf(string? word) =>
        word is null ? OptOutIntent.None
        : _stop.Contains(word) ? OptOutIntent.OptOut
        : _start.Contains(word) ? OptOutIntent.OptIn
        : OptOutIntent.None;

    private static string Normalize(string word) => InboundWords.Parse(word).First ?? "";
}
