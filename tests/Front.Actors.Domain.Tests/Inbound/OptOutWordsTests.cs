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

public class OptOutRequestTests
{
    private static readonly HashSet<string> Keywords = ["DEMO", "BLÅBÆR", "PIZZA"];

    private static OptOutRequest Read(string text, OptOutWords? words = null) =>
        (words ?? OptOutWords.Default).Read(InboundWords.Parse(text), Keywords.Contains);

    [Theory]
    [InlineData("STOPP DEMO", OptOutIntent.OptOut, "DEMO")]
    [InlineData("DEMO STOPP", OptOutIntent.OptOut, "DEMO")]
    [InlineData("stopp demo", OptOutIntent.OptOut, "DEMO")]
    [InlineData("demo stopp", OptOutIntent.OptOut, "DEMO")]
    [InlineData("Demo, Stopp!", OptOutIntent.OptOut, "DEMO")]
    [InlineData("«stopp» «demo»", OptOutIntent.OptOut, "DEMO")]
    [InlineData("STOP DEMO", OptOutIntent.OptOut, "DEMO")]
    [InlineData("avmeld pizza", OptOutIntent.OptOut, "PIZZA")]
    [InlineData("PIZZA avmeld", OptOutIntent.OptOut, "PIZZA")]
    [InlineData("stopp blåbær", OptOutIntent.OptOut, "BLÅBÆR")]
    [InlineData("BLÅBÆR STOPP", OptOutIntent.OptOut, "BLÅBÆR")]
    [InlineData("bla\u030Abær stopp", OptOutIntent.OptOut, "BLÅBÆR")]
    [InlineData("START DEMO", OptOutIntent.OptIn, "DEMO")]
    [InlineData("demo start", OptOutIntent.OptIn, "DEMO")]
    public void A_stop_or_start_word_with_a_keyword_in_either_order_names_the_keyword(string text, OptOutIntent intent, string keyword)
    {
        Assert.Equal(new OptOutRequest(intent, keyword), Read(text));
    }

    [Theory]
    [InlineData("STOPP", OptOutIntent.OptOut)]
    [InlineData("stopp.", OptOutIntent.OptOut)]
    [InlineData("STOPP nå takk", OptOutIntent.OptOut)]
    [InlineData("Start", OptOutIntent.OptIn)]
    public void A_bare_stop_or_start_word_names_no_keyword(string text, OptOutIntent intent)
    {
        Assert.Equal(new OptOutRequest(intent, null), Read(text));
    }

    [Theory]
    [InlineData("Hei stopp det der")]
    [InlineData("UKJENT STOPP")]
    [InlineData("DEMO Hei")]
    [InlineData("Stoppeklokke DEMO")]
    [InlineData("DEMO")]
    [InlineData("")]
    public void Other_messages_are_no_request(string text)
    {
        Assert.Equal(OptOutRequest.None, Read(text));
    }

    [Fact]
    public void Configured_words_count_in_either_order()
    {
        var words = new OptOutWords(extraStopWords: ["slutt"], extraStartWords: ["ja"]);

        Assert.Equal(new OptOutRequest(OptOutIntent.OptOut, "DEMO"), Read("demo slutt", words));
        Assert.Equal(new OptOutRequest(OptOutIntent.OptIn, "DEMO"), Read("JA DEMO", words));
    }
}
