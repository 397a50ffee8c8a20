namespace Front.Actors.Domain.Text;

/// <summary>
/// What a text costs before it is sent: its encoding and its exact number of segments. Counted by the same
/// splitter that later cuts the parts, so the figure a customer is shown is the figure billed.
/// </summary>
public sealed record MessageText(string Text, DataCoding Encoding, int Segments)
{
    /// <summary>At most this many parts are concatenated; operators and handsets do not go further in practice.</summary>
    public const int MaxSegments = 10;

    public static MessageText Analyze(string text)
    {
        var encoding = SmsTextCodec.ChooseFor(text);
        return new MessageText(text, encoding, SmsSplitter.Split(text, encoding, reference: 0).Count);
    }

    /// <summary>The encoding's lower-case name as the API shows it: "gsm7" or "ucs2".</summary>
    public string EncodingName => Encoding == DataCoding.Ucs2 ? "ucs2" : "gsm7";
}
