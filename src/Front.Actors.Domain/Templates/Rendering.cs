using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Templates;

/// <summary>A rendered text and what it costs: encoding and segments, counted by the splitter that later cuts the parts.</summary>
public sealed record Rendering(string Text, string Encoding, int Segments)
{
    public static Rendering Of(string text)
    {
        var analyzed = MessageText.Analyze(text);
        return new Rendering(text, analyzed.EncodingName, analyzed.Segments);
    }

    /// <summary>More than the parts operators and handsets put together: the text must be shortened before it can go.</summary>
    public bool TooLong => Segments > MessageText.MaxSegments;

    /// <summary>The costlier of two renderings: more segments, then (at equal segments) the longer text.</summary>
    public static Rendering Worst(Rendering a, Rendering b) =>
        b.Segments > a.Segments || (b.Segments == a.Segments && b.Text.Length > a.Text.Length) ? b : a;
}
