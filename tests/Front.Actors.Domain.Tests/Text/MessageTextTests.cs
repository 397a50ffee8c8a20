using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class MessageTextTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm_text_counts_160_alone_and_153_per_part(int length, int segments)
    {
        var text = MessageText.Analyze(new string('a', length));

        Assert.Equal(("gsm7", segments), (text.EncodingName, text.Segments));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_text_counts_70_alone_and_67_per_part(int length, int segments)
    {
        var text = MessageText.Analyze(new string('ж', length));

        Assert.Equal(("ucs2", segments), (text.EncodingName, text.Segments));
    }

    [Fact]
    public void Extension_characters_count_twice()
    {
        Assert.Equal(1, MessageText.Analyze(new string('€', 80)).Segments);
        Assert.Equal(2, MessageText.Analyze(new string('€', 80) + "a").Segments);
    }

    [Fact]
    public void One_emoji_turns_the_whole_text_into_ucs2()
    {
        var text = MessageText.Analyze(new string('a', 69) + "🙂");

        Assert.Equal("ucs2", text.EncodingName);
        Assert.Equal(2, text.Segments); // 69 + a surrogate pair = 71 code units
    }

    [Fact]
    public void Norwegian_letters_stay_gsm()
    {
        Assert.Equal("gsm7", MessageText.Analyze("Hei Åse, blåbærene er klare!").EncodingName);
    }
}
