using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Tests.Numbers;

public class SenderNameTests
{
    [Theory]
    [InlineData("DNB", "dnb")]
    [InlineData("DNB", "D.N.B")]
    [InlineData("DNB", "D N B")]
    [InlineData("DNB", "DN8")]
    [InlineData("Politiet", "P0litiet")]
    [InlineData("Politiet", "PoIitiet")]
    [InlineData("Politiet", "POL1T1ET")]
    [InlineData("NAV", "N-A-V")]
    [InlineData("Altinn", "A1tinn")]
    public void Names_that_read_the_same_are_the_same(string a, string b)
    {
        Assert.True(SenderName.Same(a, b));
    }

    [Theory]
    [InlineData("DNB", "DNB Bank")]
    [InlineData("NAV", "NAVN")]
    [InlineData("Front", "Fronter")]
    public void Different_names_differ(string a, string b)
    {
        Assert.False(SenderName.Same(a, b));
    }
}
