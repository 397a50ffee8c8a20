using Front.Actors.Domain.Inbound;

namespace Front.Actors.Domain.Tests.Inbound;

public class OptOutWordsTests
{
    [Theory]
    [InlineData("STOPP", OptOutIntent.OptOut)]
    [InlineData("stopp", OptOutIntent.OptOut)]
    [InlineData("Stopp!", OptOutIntent.OptOut)]
    [InlineData(" STOP pizza", OptOutIntent.OptOut)]
    [InlineData("avmeld", OptOutIntent.OptOut)]
    [InlineData("START", OptOutIntent.OptIn)]
    [InlineData("start.", OptOutIntent.OptIn)]
    [InlineData("Stoppeklokke", OptOutIntent.None)]
    [InlineData("Kan dere stoppe?", OptOutIntent.None)]
    [InlineData("", OptOutIntent.None)]
    [InlineData(null, OptOutIntent.None)]
    public void The_first_word_decides(string? text, OptOutIntent intent)
    {
        Assert.Equal(intent, OptOutWords.Default.Classify(text));
    }

    [Fact]
    public void Configured_synonyms_count_too()
    {
        var words = new OptOutWords(extraStopWords: ["slutt", "Nei!"], extraStartWords: ["ja"]);

        Assert.Equal(OptOutIntent.OptOut, words.Classify("SLUTT takk"));
        Assert.Equal(OptOutIntent.OptOut, words.Classify("nei"));
        Assert.Equal(OptOutIntent.OptIn, words.Classify("Ja"));
        Assert.Equal(OptOutIntent.OptOut, words.Classify("stopp"));
    }
}
