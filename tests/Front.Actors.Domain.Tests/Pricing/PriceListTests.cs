using Front.Actors.Domain.Pricing;
using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Tests.Pricing;

public class PriceListTests
{
    [Fact]
    public void Home_route_costs_the_operators_price_per_segment()
    {
        Assert.Equal(new Price(3 * 29, 0), PriceList.Default.PriceOf(new Route("telenor-1", Operator.Telenor, Operator.Telenor), 3));
    }

    [Fact]
    public void Roaming_adds_the_fee_per_segment()
    {
        Assert.Equal(new Price(2 * (29 + 8), 2 * 8), PriceList.Default.PriceOf(new Route("telenor-1", Operator.Telenor, Operator.Ice), 2));
    }

    [Fact]
    public void Foreign_numbers_cost_the_international_price()
    {
        Assert.Equal(new Price(65, 0), PriceList.Default.PriceOf(new Route("telenor-1", Operator.Telenor, null), 1));
    }
}
