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

    [Fact]
    public void A_code_read_back_from_storage_keeps_its_tries_and_its_use()
    {
        var (digits, code) = OneTimeCode.Issue(T0);
        var wrong = digits == "000000" ? "000001" : "000000";
        Assert.Equal(CodeCheck.Wrong, code.Check(wrong, T0));

        var stored = OneTimeCode.Restore(code.StoredHash, code.ExpiresAt, code.Attempts, code.Used);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(CodeCheck.Accepted, stored.Check(digits, T0));
        Assert.Equal(CodeCheck.AlreadyUsed, OneTimeCode.Restore(stored.StoredHash, stored.ExpiresAt, stored.Attempts, stored.Used).Check(digits, T0));
    }
}
