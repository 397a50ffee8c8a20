using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Pricing;

/// <summary>
/// Prices per segment in øre (1/100 NOK), so sums are exact: the operator's price for its own
/// subscribers, a roaming fee on top when another operator carries the message, and one price for
/// numbers outside Norway.
/// </summary>
public sealed record PriceList(IReadOnlyDictionary<Operator, long> PerSegment, long RoamingFeePerSegment, long InternationalPerSegment)
{
    public static readonly PriceList Default = new(
        new Dictionary<Operator, long> { [Operator.Telenor] = 29, [Operator.Telia] = 29, [Operator.Ice] = 27 },
        RoamingFeePerSegment: 8,
        InternationalPerSegment: 65);

    public Price PriceOf(Route route, int segments)
    {
        var perSegment = route.Home is null ? InternationalPerSegment : PerSegment[route.Via];
        var roaming = route.IsRoaming ? RoamingFeePerSegment * segments : 0;
        return new Price(perSegment * segments + roaming, roaming);
    }
}

/// <summary>A message's price in øre, of which <see cref="RoamingOre"/> is the roaming fee.</summary>
public readonly record struct Price(long TotalOre, long RoamingOre);
