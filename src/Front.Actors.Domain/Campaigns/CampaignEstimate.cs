using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Campaigns;

/// <summary>One operator route's share of a campaign: recipients whose home operator it is, their segments and cost (øre).</summary>
public sealed record RouteEstimate(string Operator, long Recipients, long Segments, long CostOre);

/// <summary>
/// What a campaign will send before it starts: recipients, segments and cost per operator route, priced as the home
/// operator carries it (no roaming; numbers outside Norway at the international price).
/// </summary>
public sealed record CampaignEstimate(long Recipients, long Segments, long CostOre, IReadOnlyList<RouteEstimate> Routes)
{
    public static readonly CampaignEstimate Empty = new(0, 0, 0, []);
}

/// <summary>Adds up an audience one recipient at a time (so it can be read in pages).</summary>
public sealed class CampaignEstimator(PriceList prices)
{
    private readonly Dictionary<string, (long Recipients, long Segments, long Cost)> _routes = new(StringComparer.Ordinal);

    public void Add(Operator? home, int segments)
    {
        var route = home is { } op ? new Route(op.ToString(), op, op) : new Route("international", Operator.Telenor, null);
        var price = prices.PriceOf(route, segments);
        var key = home?.ToString().ToLowerInvariant() ?? "international";
        var (r, s, c) = _routes.GetValueOrDefault(key);
        _routes[key] = (r + 1, s + segments, c + price.TotalOre);
    }

    public CampaignEstimate Result()
    {
        var routes = _routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RouteEstimate(r.Key, r.Value.Recipients, r.Value.Segments, r.Value.Cost)).ToList();
        return new CampaignEstimate(routes.Sum(r => r.Recipients), routes.Sum(r => r.Segments), routes.Sum(r => r.CostOre), routes);
    }
}
