using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("kari@demo", "korrekt hest batteri stift")]
    [InlineData("kari@demo", "Blåbær-syltetøy-2026")]
    public void Long_unusual_passwords_will_do(string user, string password) => Assert.Null(PasswordPolicy.Refuse(user, password));

    [Theory]
    [InlineData("kari@demo", "kort", "at least 12")]
    [InlineData("kari@demo", null, "at least 12")]
    [InlineData("kari@demo", "aaaaaaaaaaaaaaaa", "different characters")]
    [InlineData("kari@demo", "Passord12345", "most used")]
    [InlineData("kari@demo", "kari-sitt-passord", "user name")]
    public void Weak_passwords_are_refused_with_the_reason(string user, string? password, string reason) =>
        Assert.Contains(reason, PasswordPolicy.Refuse(user, password));

    [Fact]
    public void Very_long_passwords_are_refused() => Assert.Contains("at most", PasswordPolicy.Refuse("kari", new string('x', 100) + new string('y', 29) + "zq"));
}
