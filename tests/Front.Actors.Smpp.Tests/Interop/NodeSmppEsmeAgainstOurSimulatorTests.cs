using System.Globalization;
using System.Text.Json;
using Akka.TestKit.Xunit2;
using Front.Actors.SmscSimulator;
using Xunit.Abstractions;
using Simulator = Front.Actors.SmscSimulator.SmscSimulator;

namespace Front.Actors.Smpp.Tests.Interop;

/// <summary>
/// An ESME written with node-smpp (tests/interop-node/esme-client.js) against our <see cref="Simulator"/>, over real
/// TCP on 127.0.0.1. The node script checks the protocol details itself and exits non-zero on anything wrong; the
/// test checks what it reports and what the simulator counted.
/// </summary>
public class NodeSmppEsmeAgainstOurSimulatorTests : TestKit
{
    private static readonly TimeSpan Limit = NodeInterop.DefaultTimeout;

    public NodeSmppEsmeAgainstOurSimulatorTests(ITestOutputHelper output) : base(TestConfig.Patient, output: output)
    {
    }

    [Fact]
    public async Task A_node_smpp_esme_submits_to_our_simulator_and_gets_matching_receipts_and_an_mo()
    {
        const int submits = 5;
        await using var simulator = await StartSimulatorAsync();
        await using var esme = await StartEsmeAsync(simulator, "traffic", "node", "pw", submits);

        await esme.ExpectEventAsync("bound");
        await esme.Within(simulator.WhenSessionsBound(1), "the simulator to count the node ESME as bound");
        var enquire = await esme.ExpectEventAsync("enquire_link_resp");
        var responses = await esme.ExpectEventsAsync("submit_resp", submits);
        var receipts = await esme.ExpectEventsAsync("receipt", submits);
        await simulator.InjectMobileOriginatedAsync("4791234567", "2401", "Hei fra mobilen, blåbærsyltetøy!");
        var mo = await esme.ExpectEventAsync("mo");
        await esme.SendAsync("FINISH");
        await esme.ExpectEventAsync("unbound");
        var exitCode = await esme.WaitForExitAsync();

        Assert.True(exitCode == 0, esme.Transcript);
        Assert.Equal(0, enquire.GetProperty("command_status").GetInt32());
        var ids = responses.Select(r => Str(r, "message_id")).ToList();
        Assert.Equal(submits, ids.Distinct().Count());
        Assert.Equal(ids.Order(), receipts.Select(r => Str(r, "receipted_message_id")).Order());
        Assert.All(receipts, r =>
        {
            Assert.Equal(2, r.GetProperty("message_state").GetInt32()); // DELIVERED
            Assert.Contains(" stat:DELIVRD err:000 ", Str(r, "text"));
        });
        Assert.Equal(("4791234567", "2401", 0, "Hei fra mobilen, blåbærsyltetøy!"),
            (Str(mo, "source_addr"), Str(mo, "destination_addr"), mo.GetProperty("data_coding").GetInt32(), Str(mo, "text")));

        await AwaitAssertAsync(() =>
        {
            var counters = simulator.Counters;
            Assert.Equal((1L, 0L), (counters.BindsAccepted, counters.BindsRejected));
            Assert.Equal((5L, 5L, 1L), (counters.SubmitsAccepted, counters.ReceiptsSent, counters.MobileOriginatedSent));
            Assert.Equal(6L, counters.DeliverSmRespReceived);
            Assert.Equal((1L, 0L), (counters.EnquireLinksAnswered, counters.GenericNacksSent));
        }, Limit);
        var texts = simulator.AcceptedSubmits.Select(s => SmsText.Decode(s.Pdu.ShortMessage.Span, s.Pdu.DataCoding)).Order();
        Assert.Equal(Enumerable.Range(0, submits).Select(i => $"node message {i}"), texts);
    }

    [Fact]
    public async Task A_node_smpp_esme_reassembles_long_mobile_originated_messages_from_our_simulator()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var esme = await StartEsmeAsync(simulator, "traffic", "node", "pw", 0);
        await esme.ExpectEventAsync("bound");
        await esme.Within(simulator.WhenSessionsBound(1), "the simulator to count the node ESME as bound");
        var gsm = string.Concat(Enumerable.Repeat("Hei fra mobilen, blåbærsyltetøy {på} Ørland! ", 5)).TrimEnd();
        var ucs2 = string.Concat(Enumerable.Repeat("Привет, Åse! ", 8)).TrimEnd();

        var gsmParts = await simulator.InjectMobileOriginatedAsync("4791234567", "2401", gsm);
        var gsmEvents = await esme.ExpectEventsAsync("mo", gsmParts);
        var ucs2Parts = await simulator.InjectMobileOriginatedAsync("4791234567", "2401", ucs2);
        var ucs2Events = await esme.ExpectEventsAsync("mo", ucs2Parts);
        await esme.SendAsync("FINISH");
        var exitCode = await esme.WaitForExitAsync();

        Assert.True(exitCode == 0, esme.Transcript);
        Assert.True(gsmParts > 1 && ucs2Parts > 1, $"expected both texts to need concatenation, got {gsmParts} and {ucs2Parts} parts");
        Assert.Equal(gsm, Reassemble(gsmEvents, expectedCoding: 0));
        Assert.Equal(ucs2, Reassemble(ucs2Events, expectedCoding: 8));
    }

    [Fact]
    public async Task A_node_smpp_esme_with_a_wrong_password_is_refused_by_our_simulator()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var esme = await StartEsmeAsync(simulator, "refused", "node", "wrong");

        var refused = await esme.ExpectEventAsync("bind_refused");
        var exitCode = await esme.WaitForExitAsync();

        Assert.True(exitCode == 0, esme.Transcript);
        Assert.Equal(0x0E, refused.GetProperty("command_status").GetInt32()); // ESME_RINVPASWD
        await AwaitAssertAsync(() => Assert.Equal((0L, 1L), (simulator.Counters.BindsAccepted, simulator.Counters.BindsRejected)), Limit);
    }

    private Task<Simulator> StartSimulatorAsync() => Simulator.StartAsync(Sys, new SmscSimulatorOptions
    {
        Host = "127.0.0.1",
        Port = 0,
        Credentials = new Dictionary<string, string> { ["node"] = "pw" },
        ReceiptDelay = TimeSpan.FromMilliseconds(20),
    });

    private static Task<NodeInterop> StartEsmeAsync(Simulator simulator, string scenario, string systemId, string password, int? submits = null)
    {
        var args = new List<string> { scenario, "127.0.0.1", simulator.Port.ToString(CultureInfo.InvariantCulture), systemId, password };
        if (submits is { } n)
            args.Add(n.ToString(CultureInfo.InvariantCulture));
        return NodeInterop.StartAsync("esme-client.js", [.. args]);
    }

    /// <summary>
    /// Puts the parts node-smpp reported back together by the concatenation element of their UDH
    /// (IEI 00: reference, total, sequence), checking that every part agrees on reference, total and coding.
    /// </summary>
    private static string Reassemble(IReadOnlyList<JsonElement> parts, int expectedCoding)
    {
        var pieces = parts.Select(p =>
        {
            Assert.Equal(0x40, p.GetProperty("esm_class").GetInt32() & 0x40);
            Assert.Equal(expectedCoding, p.GetProperty("data_coding").GetInt32());
            var concat = p.GetProperty("udh").EnumerateArray().Select(u => Convert.FromHexString(u.GetString()!)).Single(ie => ie[0] == 0x00);
            Assert.Equal(5, concat.Length); // IEI, length 3, reference, total, sequence
            return (Reference: concat[2], Total: concat[3], Sequence: concat[4], Text: Str(p, "text"));
        }).ToList();
        Assert.Single(pieces.Select(p => (p.Reference, p.Total)).Distinct());
        Assert.Equal(pieces.Count, pieces[0].Total);
        Assert.Equal(Enumerable.Range(1, pieces.Count).Select(i => (byte)i), pieces.Select(p => p.Sequence).Order());
        return string.Concat(pieces.OrderBy(p => p.Sequence).Select(p => p.Text));
    }

    private static string Str(JsonElement e, string property) => e.GetProperty(property).GetString() ?? "<null>";
}
