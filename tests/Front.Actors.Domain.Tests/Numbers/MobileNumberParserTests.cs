using Front.Actors.Domain.Numbers;

namespace Front.Actors.Domain.Tests.Numbers;

public class MobileNumberParserTests
{
    [Theory]
    [InlineData("91234567", "+4791234567")]
    [InlineData("41234567", "+4741234567")]
    [InlineData("+4791234567", "+4791234567")]
    [InlineData("004791234567", "+4791234567")]
    [InlineData("4791234567", "+4791234567")]
    [InlineData(" 912 34 567 ", "+4791234567")]
    [InlineData("+46701234567", "+46701234567")]
    public void Mobile_numbers_are_normalised_to_e164(string input, string expected)
    {
        Assert.True(MobileNumberParser.TryParse(input, out var number, out var reason), reason);
        Assert.Equal(expected, number.E164);
    }

    [Theory]
    [InlineData("22123456", "not a mobile number")]   // an Oslo landline
    [InlineData("81234567", "not")]                   // not a mobile range
    [InlineData("9123456", "not a valid number")]     // seven digits
    [InlineData("912345678", "not a valid number")]   // nine digits
    [InlineData("hello", "not a phone number")]
    [InlineData("", "empty number")]
    public void Invalid_and_non_mobile_numbers_are_refused_with_a_reason(string input, string reasonPart)
    {
        Assert.False(MobileNumberParser.TryParse(input, out _, out var reason));
        Assert.Contains(reasonPart, reason);
    }

    [Fact]
    public void Norwegian_numbers_know_their_national_part()
    {
        var number = MobileNumberParser.Parse("+4791234567");

        Assert.True(number.IsNorwegian);
        Assert.Equal("91234567", number.NationalNumber);
        Assert.Equal("4791234567", number.SmppAddress);
    }

    [Fact]
    public void A_number_stored_as_plus_47_and_eight_digits_is_judged_as_libphonenumber_judges_it_written_any_other_way()
    {
        // Every leading pair of digits and a spread of the rest: "+47…" takes the short way, "0047 …" the full parse.
        for (var head = 0; head < 100; head++)
        for (var rest = 0; rest < 1_000_000; rest += 7_919)
        {
            var national = $"{head:D2}{rest:D6}";
            var shortWay = MobileNumberParser.TryParse("+47" + national, out var fast, out var fastReason);
            var fullParse = MobileNumberParser.TryParse("0047 " + national, out var full, out var fullReason);

            Assert.True((shortWay, fast?.E164, fastReason) == (fullParse, full?.E164, fullReason), $"+47{national}: {fastReason} / {fullReason}");
        }
    }
}
