using System.Text.Json;
using Front.Actors.Domain.Text;

namespace Front.Actors.Web.Tests;

/// <summary>The reply box's counter (wwwroot/app/js/segments.js, run in the browser) agrees with the engine's splitter.</summary>
[Collection(WebCollection.Name)]
public class SegmentCounterTests(WebFixture web)
{
    private static readonly string[] Samples =
    [
        "Hei",
        "Hei, når åpner dere? ÆØÅ æøå",
        new string('a', 160),
        new string('a', 161),
        new string('a', 306),
        new string('a', 307),
        new string('a', 152) + "€" + new string('b', 10), // the escape pair may not be split at 153
        "Pris: 100 € {rabatt} [tilbud] ~ | ^ \\",
        new string('a', 159) + "€",
        "Hei 😀",
        new string('x', 69) + "😀", // 71 units: two parts
        new string('x', 66) + "😀" + new string('y', 10), // the surrogate pair may not be split at 67
        new string('ø', 70),
        "Ελλάδα – “sitat” og ‘apostrof’",
        "Linje 1\nLinje 2\r\nTab\tslutt",
    ];

    [ChromiumFact]
    public async Task The_counter_in_the_browser_gives_the_same_encoding_and_segments_as_the_server()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/app/sign-in");

        var counted = await page.EvaluateAsync<JsonElement>(
            "async (samples) => { const m = await import('/app/js/segments.js'); return samples.map(s => m.analyze(s)); }", Samples);

        var browser = counted.EnumerateArray().Select(c => (c.GetProperty("encoding").GetString(), c.GetProperty("segments").GetInt32())).ToList();
        var server = Samples.Select(MessageText.Analyze).Select(m => ((string?)m.EncodingName, m.Segments)).ToList();
        Assert.Equal(server, browser);
        await page.Context.CloseAsync();
    }
}
