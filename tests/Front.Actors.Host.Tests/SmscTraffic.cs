using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Front.Actors.Domain.Text;

namespace Front.Actors.Host.Tests;

/// <summary>
/// What reached the host's built-in simulators, and a way to know that nothing more is on its way. "Never sent"
/// is only worth asserting once the pipeline has drained: a later ordinary message from the same account and
/// sender to the same operator passes the same first-in-first-out lanes, the one router and the bind's one
/// session, so once it is at the SMSC, anything released before it would have arrived first.
/// </summary>
internal static class SmscTraffic
{
    /// <summary>Turns on recording at every built-in simulator; call it before the traffic under test.</summary>
    public static void Record(EngineHost host)
    {
        foreach (var (_, smsc) in host.Simulators.Running)
            smsc.Configure(o => o with { RecordSubmits = true });
    }

    /// <summary>Every accepted submit as (destination as written in the PDU, decoded text), in arrival order per SMSC.</summary>
    public static List<(string To, string Text)> Submits(EngineHost host) =>
        host.Simulators.Running.SelectMany(r => r.Smsc.AcceptedSubmits)
            .Select(s => (s.Pdu.DestinationAddr, SmsTextCodec.Decode(s.Pdu.ShortMessage.Span, (DataCoding)s.Pdu.DataCoding)))
            .ToList();

    /// <summary>
    /// Waits until every one of <paramref name="texts"/> is at an SMSC (messages of other accounts or senders take other
    /// lanes, so a drain marker does not say they have arrived).
    /// </summary>
    public static Task ArrivedAsync(EngineHost host, params string[] texts) =>
        Poll.UntilValueAsync(() => Task.FromResult(texts.All(t => Submits(host).Any(s => s.Text == t)) ? true : (bool?)null),
            $"{string.Join(", ", texts)} at the SMSC");

    /// <summary>Submits of every simulator, refused ones included.</summary>
    public static long Received(EngineHost host) => host.Simulators.Running.Sum(r => r.Smsc.Counters.SubmitsReceived);

    /// <summary>
    /// Sends an ordinary message (its own text) from <paramref name="from"/> to <paramref name="to"/> with the customer's
    /// key and waits until every copy is at an SMSC. Returns the marker text, to tell it apart from the traffic under test.
    /// </summary>
    public static async Task<string> DrainAsync(EngineHost host, string from, params string[] to)
    {
        var text = $"Markør {Guid.NewGuid():N}"[..16];
        var response = await host.Client().PostAsJsonAsync("/api/v1/messages", new { from, to, text });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted && body.GetProperty("messages").GetArrayLength() == to.Length, body.ToString());
        await Poll.UntilValueAsync(() => Task.FromResult(Submits(host).Count(s => s.Text == text) >= to.Length ? true : (bool?)null),
            $"the marker to {string.Join(", ", to)} at the SMSC");
        return text;
    }
}
