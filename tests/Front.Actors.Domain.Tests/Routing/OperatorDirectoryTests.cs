using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Routing;

namespace Front.Actors.Domain.Tests.Routing;

public class OperatorDirectoryTests
{
    private static readonly OperatorDirectory Sample = OperatorDataFiles.Load(OperatorDataFiles.SampleDirectory);

    [Theory]
    [InlineData("91234567", Operator.Telenor)]
    [InlineData("93000000", Operator.Telia)]
    [InlineData("96000000", Operator.Ice)]
    [InlineData("40000000", Operator.Telia)]
    [InlineData("99999999", Operator.Telenor)]
    public void Numbers_route_by_their_series(string number, Operator expected)
    {
        Assert.Equal(expected, Sample.HomeOperator(MobileNumberParser.Parse(number)));
    }

    [Fact]
    public void A_ported_number_routes_to_its_new_operator()
    {
        // 91234568 sits in a Telenor series but moved to Telia.
        Assert.Equal(Operator.Telia, Sample.HomeOperator(MobileNumberParser.Parse("91234568")));
    }

    [Fact]
    public void Every_valid_norwegian_mobile_number_has_an_operator_in_the_sample()
    {
        foreach (var first in new[] { 4, 9 })
            for (var block = 0; block < 10; block++)
                for (var probe = 0; probe < 1_000_000; probe += 99_991)
                {
                    var number = $"{first}{block}{probe:D6}";
                    if (MobileNumberParser.TryParse(number, out var mobile, out _))
                        Assert.True(Sample.HomeOperator(mobile) is not null, number);
                }
    }

    [Fact]
    public void Foreign_numbers_have_no_home_operator()
    {
        Assert.Null(Sample.HomeOperator(MobileNumberParser.Parse("+46701234567")));
    }

    [Fact]
    public void Overlapping_series_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new OperatorDirectory(
            [new NumberSeries(40000000, 40999999, Operator.Telia), new NumberSeries(40500000, 41999999, Operator.Ice)],
            new Dictionary<long, Operator>()));
    }

    [Fact]
    public void A_bad_line_in_a_data_file_is_reported_with_its_line_number()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["first,last,operator", "40000000,40999999,Telia", "41000000,41999999,Lyca"]);

        var error = Assert.Throws<FormatException>(() => OperatorDataFiles.ReadSeries(path));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("Lyca", error.Message);
    }
}
