using Front.Actors.Domain.SignUps;

namespace Front.Actors.Domain.Tests.SignUps;

/// <summary>What a keyword's QR code fills in: text that reaches the keyword's account, one line, short enough for one SMS.</summary>
public class SignUpQrTextTests
{
    [Theory]
    [InlineData(null, "DEMO")]
    [InlineData("  ", "DEMO")]
    [InlineData("DEMO BLI MED", "DEMO BLI MED")]
    [InlineData("demo bli med", "demo bli med")]
    [InlineData("Demo, bli med!", "Demo, bli med!")]
    [InlineData("BLI MED", "DEMO BLI MED")]
    [InlineData("STOPP DEMO", "STOPP DEMO")]
    [InlineData("stopp", "DEMO stopp")]
    [InlineData("DEMOKRATI", "DEMO DEMOKRATI")]
    public void The_text_reaches_the_keywords_account_as_asked_or_with_the_keyword_in_front(string? asked, string expected)
    {
        Assert.True(SmsQrPayload.TryText("DEMO", asked, out var text, out var reason), reason);
        Assert.Equal(expected, text);
    }

    [Fact]
    public void The_payload_is_smsto_with_our_number_and_the_text()
    {
        Assert.Equal("SMSTO:2401:DEMO BLI MED", SmsQrPayload.For("2401", "DEMO BLI MED"));
        Assert.Equal("SMSTO:+4790000001:HEI", SmsQrPayload.For("+4790000001", "HEI"));
    }

    [Theory]
    [InlineData("DEMO\nBLI MED")]
    [InlineData("DEMO\tBLI")]
    public void A_text_with_control_characters_is_refused(string asked)
    {
        Assert.False(SmsQrPayload.TryText("DEMO", asked, out _, out var reason));
        Assert.Contains("control", reason);
    }

    [Fact]
    public void A_text_longer_than_one_sms_with_the_keyword_is_refused()
    {
        Assert.True(SmsQrPayload.TryText("DEMO", "DEMO " + new string('a', 155), out _, out _));
        Assert.False(SmsQrPayload.TryText("DEMO", new string('a', 156), out _, out var reason));
        Assert.Contains("160", reason);
    }

    [Fact]
    public void The_default_confirmation_names_the_group_and_how_to_leave()
    {
        Assert.Equal("Takk! Du er nå med i Kundeklubb. Send STOPP DEMO til 2401 for å melde deg av.", SignUpConfirmation.Default("Kundeklubb", "DEMO", "2401"));
    }
}
