namespace Front.Actors.Domain.Routing;

/// <summary>A block of Norwegian 8-digit numbers, first to last inclusive, allocated to one operator.</summary>
public sealed record NumberSeries(long First, long Last, Operator Operator)
{
    public bool Contains(long national) => national >= First && national <= Last;
}
