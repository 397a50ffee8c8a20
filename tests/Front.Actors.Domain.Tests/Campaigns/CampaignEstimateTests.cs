using Front.Actors.Domain.Campaigns;
using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Tests.Campaigns;

public class CampaignEstimateTests
{
    [Fact]
    public void Recipients_segments_and_cost_are_summed_per_operator_route()
    {
        var estimator = new CampaignEstimator(PriceList.Default);
        estimator.Add(Operator.Telenor, 2);
        estimator.Add(Operator.Telenor, 1);
        estimator.Add(Operator.Ice, 1);
        estimator.Add(null, 1);

        var estimate = estimator.Result();

        Assert.Equal(4, estimate.Recipients);
        Assert.Equal(5, estimate.Segments);
        Assert.Equal(3 * 29 + 27 + 65, estimate.CostOre);
        Assert.Equal(new RouteEstimate("telenor", 2, 3, 87), estimate.Routes.Single(r => r.Operator == "telenor"));
        Assert.Equal(new RouteEstimate("international", 1, 1, 65), estimate.Routes.Single(r => r.Operator == "international"));
    }
}
