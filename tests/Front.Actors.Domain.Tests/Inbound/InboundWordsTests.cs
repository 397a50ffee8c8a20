using Front.Actors.Domain.Inbound;

namespace Front.Actors.Domain.Tests.Inbound;

public class InboundWordsTests
{
    [Theory]
    [InlineData("Pizza ekstra ost", "PIZZA", "EKSTRA")]
    [InlineData("  «Pizza», ekstra!", "PIZZA", "EKSTRA")]
    [InlineData("Tur.", "TUR", null)]
    [InlineData("#kampanje 2025", "KAMPANJE", "2025")]
    [InlineData("Blåbær? Æøå", "BLÅBÆR", "ÆØÅ")]
    [InlineData("blåbær\u00A0syltetøy", "BLÅBÆR", "SYLTETØY")]
    [InlineData("\tpizza\n\nmed ost", "PIZZA", "MED")]
    [InlineData("😀 pizza 👍 ost", "PIZZA", "OST")]
    [InlineData("... !!! tur", "TUR", null)]
    [InlineData("(ÆRFUGL)", "ÆRFUGL", null)]
    [InlineData("bla\u030Abær bla\u030A", "BLÅBÆR", "BLÅ")]
    [InlineData("e\u0301clair!", "E\u0301CLAIR", null)]
    [InlineData("👍\uFE0F pizza", "PIZZA", null)]
    public void The_first_two_words_are_read_upper_case_without_punctuation(string text, string first, string? second)
    {
        var words = InboundWords.Parse(text);

        Assert.Equal((first, second), (words.First, words.Second));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("?! 😀")]
    public void Text_without_a_word_has_no_keyword(string? text)
    {
        var words = InboundWords.Parse(text);

        Assert.Null(words.First);
        Assert.Null(words.Second);
    }

    [Fact]
    public void The_text_is_kept_as_written_only_trimmed()
    {
        Assert.Equal("«Pizza», ekstra!", InboundWords.Parse("  «Pizza», ekstra!  ").Text);
    }

    [Theory]
    [InlineData("pizza", "PIZZA")]
    [InlineData(" Blåbær ", "BLÅBÆR")]
    [InlineData("bla\u030Abær", "BLÅBÆR")]
    [InlineData("kode2025", "KODE2025")]
    public void Keywords_are_letters_and_digits_in_upper_case(string raw, string value)
    {
        Assert.True(Keyword.TryCreate(raw, out var keyword, out _));
        Assert.Equal(value, keyword.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("to ord")]
    [InlineData("pizza!")]
    [InlineData("abcdefghijklmnopqrstu")]
    public void Other_keywords_are_refused_with_the_rule(string? raw)
    {
        Assert.False(Keyword.TryCreate(raw, out _, out var reason));
        Assert.Contains("letters or digits", reason);
    }
}
