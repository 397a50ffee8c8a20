using Front.Actors.Domain.Identity;

namespace Front.Actors.Domain.Tests.Identity;

public class OneTimeCodeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_code_sent_is_accepted_once()
    {
        var (digits, code) = OneTimeCode.Issue(T0);

        Assert.Matches("^[0-9]{6}$", digits);
        Assert.Equal(CodeCheck.Accepted, code.Check(digits, T0.AddMinutes(1)));
        Assert.Equal(CodeCheck.AlreadyUsed, code.Check(digits, T0.AddMinutes(1)));
    }

    [Fact]
    public void An_expired_code_is_refused()
    {
        var (digits, code) = OneTimeCode.Issue(T0);

        Assert.Equal(CodeCheck.Expired, code.Check(digits, T0 + OneTimeCode.Lifetime));
    }

    [Fact]
    public void Wrong_tries_end_the_code_even_for_the_right_digits_after()
    {
        var (digits, code) = OneTimeCode.Issue(T0);
        var wrong = digits == "000000" ? "000001" : "000000";

        for (var i = 1; i < OneTimeCode.MaxAttempts; i++)
            Assert.Equal(CodeCheck.Wrong, code.Check(wrong, T0));
        Assert.Equal(CodeCheck.TooManyAttempts, code.Check(wrong, T0));
        Assert.Equal(CodeCheck.TooManyAttempts, code.Check(digits, T0));
    }
}
