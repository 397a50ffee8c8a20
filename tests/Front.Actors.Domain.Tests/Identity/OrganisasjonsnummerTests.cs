using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class OrganisasjonsnummerTests
{
    [Theory]
    [InlineData("923609016", "923609016")] // Equinor ASA
    [InlineData("974 760 673", "974760673")] // Brønnøysundregistrene
    [InlineData("984851006", "984851006")] // DNB Bank ASA
    public void Real_organization_numbers_are_accepted(string written, string expected)
    {
        Assert.True(Organisasjonsnummer.TryParse(written, out var number, out _));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("923609017", "check digit")]
    [InlineData("92360901", "nine digits")]
    [InlineData("92360901A", "nine digits")]
    [InlineData("", "nine digits")]
    [InlineData(null, "nine digits")]
    public void Anything_else_is_refused_with_the_reason(string? written, string reason)
    {
        Assert.False(Organisasjonsnummer.TryParse(written, out _, out var why));
        Assert.Contains(reason, why);
    }
}
