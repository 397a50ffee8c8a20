using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.SmscSimulator;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using Front.Actors.Domain.Text;
using static Front.Actors.Smpp.Tests.Esme.EsmeTestSupport;

namespace Front.Actors.Smpp.Tests.Interop;

/// <summary>
/// Our SMPP against node-smpp, an implementation nobody on the team wrote, both ways and over real TCP:
/// our ESME against a node-smpp SMSC, and a node-smpp ESME against our simulator.
/// </summary>
public class NodeSmppInteropTests : TestKit
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly IMaterializer _materializer;

    public NodeSmppInteropTests() => _materializer = Sys.Materializer();

    [Fact]
    public async Task Our_esme_binds_submits_and_receives_a_receipt_and_an_mo_from_a_node_smpp_smsc()
    {
        await using var smsc = await NodePeer.StartAsync("smsc-server.js", "front", "secret");
        var port = int.Parse(await smsc.ExpectLineAsync("LISTENING"));
        var client = EsmeClient.Start(Sys, Settings(port) with { SystemType = "SMS" });
        var inbound = client.Inbound.Take(2).RunWith(Sink.Seq<InboundMessage>(), _materializer);

        var bind = await smsc.ExpectEventAsync("bind");
        await client.WhenBound().WaitAsync(Limit);
        var result = await client.SubmitAsync(Request(1, receipt: true)).WaitAsync(Limit);
        var submit = await smsc.ExpectEventAsync("submit");
        var accepted = Assert.IsType<SubmitAccepted>(result);
        await smsc.SendAsync($"RECEIPT {accepted.MessageId}");
        await smsc.SendAsync("MO 4791234567 2401 Hei fra node");
        var messages = await inbound.WaitAsync(Limit);

        Assert.Equal(("front", "SMS", 0x34), (bind.GetProperty("system_id").GetString(), bind.GetProperty("system_type").GetString(), bind.GetProperty("interface_version").GetInt32()));
        Assert.Equal(submit.GetProperty("message_id").GetString(), accepted.MessageId);
        Assert.Equal("message 1", submit.GetProperty("text").GetString());
        Assert.Equal(1, submit.GetProperty("registered_delivery").GetInt32());
        var receipt = Assert.Single(messages, m => m.IsReceipt).Receipt!;
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal(MessageIdNormalizer.AsIs.KeyForSubmitResponse(accepted.MessageId), MessageIdNormalizer.AsIs.KeyForReceipt(receipt));
        var mo = Assert.Single(messages, m => !m.IsReceipt).Pdu;
        Assert.Equal("4791234567", mo.SourceAddr);
        Assert.Equal("Hei fra node", SmsTextCodec.Decode(mo.ShortMessage.Span, mo.DataCoding));
        Assert.Equal(0, (await smsc.ExpectEventAsync("deliver_sm_resp")).GetProperty("command_status").GetInt32());
        Assert.Equal(0, (await smsc.ExpectEventAsync("deliver_sm_resp")).GetProperty("command_status").GetInt32());
        await client.StopAsync();
    }

    [Fact]
    public async Task Our_esme_answers_enquire_link_and_unbinds_cleanly_with_a_node_smpp_smsc()
    {
        await using var smsc = await NodePeer.StartAsync("smsc-server.js", "front", "secret");
        var port = int.Parse(await smsc.ExpectLineAsync("LISTENING"));
        var client = EsmeClient.Start(Sys, Settings(port));
        await client.WhenBound().WaitAsync(Limit);

        await smsc.SendAsync("ENQUIRE");
        var enquire = await smsc.ExpectEventAsync("enquire_link_resp");
        await client.StopAsync().WaitAsync(Limit);

        Assert.Equal(0, enquire.GetProperty("command_status").GetInt32());
        await smsc.ExpectEventAsync("unbind");
        await smsc.ExpectEventAsync("close");
    }

    [Fact]
    public async Task Our_esme_is_refused_by_a_node_smpp_smsc_with_the_wrong_password_and_never_binds()
    {
        await using var smsc = await NodePeer.StartAsync("smsc-server.js", "front", "secret");
        var port = int.Parse(await smsc.ExpectLineAsync("LISTENING"));
        var client = EsmeClient.Start(Sys, Settings(port) with { Password = "wrong" });

        Assert.False((await smsc.ExpectEventAsync("bind")).GetProperty("ok").GetBoolean());
        await AwaitAssertAsync(async () => Assert.True((await client.GetStatusAsync()).Counters.BindFailures >= 1), Limit);
        Assert.NotEqual(LinkState.Bound, (await client.GetStatusAsync()).State);
        await client.StopAsync();
    }

    [Fact]
    public async Task A_node_smpp_esme_submits_to_our_simulator_and_gets_matching_receipts_and_an_mo()
    {
        var simulator = await SmscSimulator.SmscSimulator.StartAsync(Sys, new SmscSimulatorOptions
        {
            Credentials = new Dictionary<string, string> { ["node"] = "pw" },
            ReceiptDelay = TimeSpan.FromMilliseconds(20),
        });
        await using var esme = await NodePeer.StartAsync("esme-client.js", "127.0.0.1", simulator.Port.ToString(), "node", "pw", "5");

        await esme.ExpectEventAsync("bound");
        await simulator.InjectMobileOriginatedAsync("4791234567", "2401", "Hei fra mobilen");
        var exitCode = await esme.WaitForExitAsync();

        Assert.True(exitCode == 0, esme.Transcript);
        var counters = simulator.Counters;
        Assert.Equal(5, counters.SubmitsAccepted);
        Assert.Equal(5, counters.ReceiptsSent);
        Assert.Equal(1, counters.MobileOriginatedSent);
        Assert.Equal(6, counters.DeliverSmRespReceived);
        Assert.Contains("node message 0", SmsTextCodec.Decode(simulator.AcceptedSubmits[0].Pdu.ShortMessage.Span, simulator.AcceptedSubmits[0].Pdu.DataCoding));
        Assert.Contains("\"text\":\"Hei fra mobilen\"", esme.Transcript);
        await simulator.StopAsync();
    }
}
