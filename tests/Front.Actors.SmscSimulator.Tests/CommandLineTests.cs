namespace Front.Actors.SmscSimulator.Tests;

public class CommandLineTests
{
    [Fact]
    public void Defaults_listen_on_loopback_2775_and_accept_any_credentials()
    {
        var parsed = CommandLine.Parse([]);

        Assert.Equal(("127.0.0.1", 2775), (parsed.Options.Host, parsed.Options.Port));
        Assert.Null(parsed.Options.Credentials);
        Assert.False(parsed.Options.RecordSubmits);
        Assert.False(parsed.Help);
    }

    [Fact]
    public void Every_flag_lands_in_the_options()
    {
        var parsed = CommandLine.Parse([
            "--host", "0.0.0.0", "--port", "2776", "--system-id", "TELENOR", "--credentials", "a:1,b:2",
            "--receipt-delay-ms", "250", "--delivered", "8", "--undeliverable", "1", "--expired", "1",
            "--throttle-rate", "100", "--fail-fraction", "0.05", "--stats-interval-seconds", "10",
        ]);

        var o = parsed.Options;
        Assert.Equal(("0.0.0.0", 2776, "TELENOR"), (o.Host, o.Port, o.SystemId));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, o.Credentials);
        Assert.Equal(TimeSpan.FromMilliseconds(250), o.ReceiptDelay);
        Assert.Equal(new ReceiptOutcomeMix(8, 1, 1), o.Outcomes);
        Assert.Equal((100.0, 0.05), (o.MaxSubmitsPerSecond, o.FailFraction));
        Assert.Equal(TimeSpan.FromSeconds(10), parsed.StatsInterval);
    }

    [Theory]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--fail-fraction", "2", "--fail-fraction")]
    [InlineData("--credentials", "nocolon", "--credentials")]
    [InlineData("--bogus", "1", "--bogus")]
    public void Bad_values_are_refused_naming_the_flag(string flag, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse([flag, value]));

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void A_flag_without_its_value_is_refused()
    {
        Assert.Contains("--port", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port"])).Message);
    }

    [Fact]
    public void Help_is_recognised()
    {
        Assert.True(CommandLine.Parse(["--help"]).Help);
    }
}
