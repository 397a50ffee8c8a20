using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Tests.Routing;

public class RoutePlannerTests
{
    private static readonly BindAvailability[] AllUp =
    [
        new("telenor-1", Operator.Telenor, true),
        new("telia-1", Operator.Telia, true),
        new("ice-1", Operator.Ice, true),
    ];

    [Fact]
    public void The_home_operators_bind_is_chosen_when_it_is_up()
    {
        var route = RoutePlanner.Choose(Operator.Telia, AllUp)!;

        Assert.Equal(("telia-1", Operator.Telia, false), (route.BindName, route.Via, route.IsRoaming));
    }

    [Fact]
    public void When_the_home_bind_is_down_another_operator_carries_it_as_roaming()
    {
        var binds = AllUp.Select(b => b.Operator == Operator.Telia ? b with { Available = false } : b).ToList();

        var route = RoutePlanner.Choose(Operator.Telia, binds)!;

        Assert.Equal(("telenor-1", true), (route.BindName, route.IsRoaming));
    }

    [Fact]
    public void When_no_bind_is_configured_for_the_operator_another_carries_it()
    {
        var route = RoutePlanner.Choose(Operator.Ice, [new BindAvailability("telenor-1", Operator.Telenor, true)])!;

        Assert.Equal(Operator.Telenor, route.Via);
        Assert.True(route.IsRoaming);
    }

    [Fact]
    public void A_bind_that_keeps_failing_can_be_excluded()
    {
        var route = RoutePlanner.Choose(Operator.Telenor, AllUp, exclude: new HashSet<string> { "telenor-1" })!;

        Assert.Equal("telia-1", route.BindName);
    }

    [Fact]
    public void With_every_bind_down_there_is_no_route_and_the_message_waits()
    {
        Assert.Null(RoutePlanner.Choose(Operator.Telenor, AllUp.Select(b => b with { Available = false }).ToList()));
    }

    [Fact]
    public void Foreign_numbers_take_the_first_bind_up_and_are_not_roaming()
    {
        var route = RoutePlanner.Choose(null, AllUp)!;

        Assert.Equal("telenor-1", route.BindName);
        Assert.False(route.IsRoaming);
    }
}
