using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>Tags every number event, for the <see cref="NumberProjection"/>.</summary>
public sealed class ShortNumberEventTagger() : EventTagger(Tag)
{
    public const string Tag = "short-number";

    public static readonly string Hocon = Binding("short-number-tagger", typeof(ShortNumberEventTagger), typeof(ShortNumberEvents.IShortNumberEvent));
}
