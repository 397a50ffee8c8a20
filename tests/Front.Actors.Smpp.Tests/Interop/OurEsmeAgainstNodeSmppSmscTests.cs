using System.Text.Json;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using Xunit.Abstractions;

namespace Front.Actors.Smpp.Tests.Interop;

/// <summary>
/// Our <see cref="EsmeClient"/> against an SMSC written with node-smpp (tests/interop-node/smsc-server.js), over real
/// TCP on 127.0.0.1. The node script reports what it saw as events and sends what the test tells it to.
/// </summary>
public class OurEsmeAgainstNodeSmppSmscTests : TestKit
{
    private static readonly TimeSpan Limit = NodeInterop.DefaultTimeout;
    private readonly IMaterializer _materializer;

    public OurEsmeAgainstNodeSmppSmscTests(ITestOutputHelper output) : base(TestConfig.Patient, output: output) => _materializer = Sys.Materializer();

    [Fact]
    public async Task Our_esme_binds_submits_and_receives_a_receipt_and_an_mo_from_a_node_smpp_smsc()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()));
        var inbound = client.Inbound.Take(2).RunWith(Sink.Seq<InboundMessage>(), _materializer);

        var bind = await smsc.ExpectEventAsync("bind");
        await smsc.Within(client.WhenBound(), "our client to bind");
        var result = await smsc.Within(client.SubmitAsync(Submit("ref-1", "4790000001", "Hei fra Front", DataCoding.SmscDefault)), "the submit's result");
        var submit = await smsc.ExpectEventAsync("submit");
        var accepted = Assert.IsType<SubmitAccepted>(result);
        await smsc.SendAsync($"RECEIPT {accepted.MessageId}");
        await smsc.SendAsync("MO 4791234567 2401 Hei fra node");
        var messages = await smsc.Within(inbound, "the receipt and the MO on our client's Inbound");
        var answers = await smsc.ExpectEventsAsync("deliver_sm_resp", 2);

        Assert.Equal("bind_transceiver", bind.GetProperty("command").GetString());
        Assert.True(bind.GetProperty("ok").GetBoolean(), smsc.Transcript);
        Assert.Equal(("front", "FRONT", 0x34), (Str(bind, "system_id"), Str(bind, "system_type"), bind.GetProperty("interface_version").GetInt32()));

        Assert.Equal(Str(submit, "message_id"), accepted.MessageId);
        Assert.Equal(("4790000001", "Hei fra Front", 1), (Str(submit, "destination_addr"), Str(submit, "text"), submit.GetProperty("registered_delivery").GetInt32()));

        var receiptMessage = messages[0];
        Assert.Equal(EsmClass.DeliveryReceipt, receiptMessage.Pdu.EsmClass);
        var receipt = Assert.IsType<DeliveryReceipt>(receiptMessage.Receipt);
        Assert.Equal(accepted.MessageId, receipt.Id);
        Assert.Equal(accepted.MessageId, receipt.ReceiptedMessageId);
        Assert.Equal((MessageState.Delivered, "DELIVRD", (int?)1, (int?)1, (string?)"000"), (receipt.State, receipt.Stat, receipt.Submitted, receipt.Delivered, receipt.Error));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 0, TimeSpan.Zero), receipt.SubmitDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 16, 0, TimeSpan.Zero), receipt.DoneDate);
        Assert.True(MessageIdNormalizer.AsIs.AreSame(accepted.MessageId, MessageIdNormalizer.AsIs.KeyForReceipt(receipt)));

        var mo = messages[1];
        Assert.False(mo.IsReceipt);
        Assert.Equal(("4791234567", "2401"), (mo.Pdu.SourceAddr, mo.Pdu.DestinationAddr));
        Assert.Equal("Hei fra node", SmsText.Decode(mo.Pdu.UserData.Span, mo.Pdu.DataCoding));

        Assert.All(answers, a => Assert.Equal(0, a.GetProperty("command_status").GetInt32()));
        Assert.Equal(new[] { "receipt", "mo" }, answers.Select(a => Str(a, "kind")));
        var counters = (await client.GetStatusAsync()).Counters;
        Assert.Equal((1L, 1L, 2L, 0L), (counters.Sent, counters.Accepted, counters.DeliversReceived, counters.DeliversDeferred));
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    [Fact]
    public async Task Our_esme_answers_enquire_link_from_a_node_smpp_smsc_and_unbinds_cleanly_when_stopped()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()));
        await smsc.Within(client.WhenBound(), "our client to bind");

        await smsc.SendAsync("ENQUIRE");
        var enquire = await smsc.ExpectEventAsync("enquire_link_resp");
        await smsc.Within(client.StopAsync(), "our client to stop, which needs node-smpp's unbind_resp");

        Assert.Equal(0, enquire.GetProperty("command_status").GetInt32());
        await smsc.ExpectEventAsync("unbind");
        await smsc.ExpectEventAsync("unbind_resp_sent");
        // The node SMSC never closes on its own after an unbind: the close is our client acting on the unbind_resp
        // (its unbind timeout, BindTimeout, is longer than the test's limit).
        await smsc.ExpectEventAsync("close");
        Assert.Empty(smsc.UnclaimedEvents("generic_nack"));
    }

    [Fact]
    public async Task Our_esme_answers_an_unbind_from_a_node_smpp_smsc_and_binds_again()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()));
        await smsc.Within(client.WhenBound(), "our client to bind");
        await smsc.ExpectEventAsync("bind");

        await smsc.SendAsync("UNBIND");
        var answer = await smsc.ExpectEventAsync("unbind_resp");
        await smsc.ExpectEventAsync("close");
        var again = await smsc.ExpectEventAsync("bind");
        await AwaitAssertAsync(async () => Assert.Equal(1, (await client.GetStatusAsync()).Counters.Reconnects), Limit);
        await smsc.Within(client.WhenBound(), "our client to bind again");

        Assert.Equal(0, answer.GetProperty("command_status").GetInt32());
        Assert.True(again.GetProperty("ok").GetBoolean());
        Assert.Empty(smsc.UnclaimedEvents("error")); // our side closed with a FIN, not a reset
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    [Fact]
    public async Task Our_esme_closes_the_connection_without_a_reset_after_node_smpp_answers_its_unbind()
    {
        await using var smsc = await StartSmscAsync();
        var port = await smsc.ListeningPortAsync();

        // A reset races with the session's own stop, so one round can pass by luck; five rarely do.
        for (var round = 1; round <= 5; round++)
        {
            var client = EsmeClient.Start(Sys, Settings(port));
            await smsc.Within(client.WhenBound(), $"our client to bind (round {round})");
            await smsc.Within(client.StopAsync(), $"our client to stop (round {round})");
            await smsc.ExpectEventAsync("unbind_resp_sent");
            await smsc.ExpectEventAsync("close");
        }

        // node-smpp reports a TCP reset as a socket error, "read ECONNRESET", before the close.
        Assert.Empty(smsc.UnclaimedEvents("error"));
    }

    [Fact]
    public async Task Our_esme_keeps_an_idle_link_to_a_node_smpp_smsc_alive_with_its_own_enquire_links()
    {
        await using var smsc = await StartSmscAsync();
        var settings = Settings(await smsc.ListeningPortAsync()) with
        {
            EnquireLinkInterval = TimeSpan.FromMilliseconds(100),
            // Wide enough that a busy machine's pause of the node process is not taken for a dead link.
            DeadLinkTimeout = TimeSpan.FromSeconds(3),
        };
        var client = EsmeClient.Start(Sys, settings);
        await smsc.Within(client.WhenBound(), "our client to bind");

        // Forty enquire_links take longer than the dead-link timeout: only node-smpp's answers keep the link up.
        var enquires = await smsc.ExpectEventsAsync("enquire_link", 40);
        var status = await client.GetStatusAsync();

        Assert.Equal(40, enquires.Select(e => e.GetProperty("sequence_number").GetInt64()).Distinct().Count());
        Assert.Equal(LinkState.Bound, status.State);
        Assert.Equal(0, status.Counters.Reconnects);
        Assert.Empty(smsc.UnclaimedEvents("close"));
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    [Fact]
    public async Task Our_esme_is_refused_by_a_node_smpp_smsc_for_a_wrong_password_and_never_binds()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()) with { Password = "wrong" });
        var bound = client.WhenBound();

        var first = await smsc.ExpectEventAsync("bind");
        // Our client closes the refused link and tries again after its back-off; the second attempt is refused too.
        await smsc.ExpectEventAsync("close");
        var second = await smsc.ExpectEventAsync("bind");

        Assert.All(new[] { first, second }, b => Assert.Equal((false, 0x0E), (b.GetProperty("ok").GetBoolean(), b.GetProperty("status").GetInt32())));
        await AwaitAssertAsync(async () => Assert.True((await client.GetStatusAsync()).Counters.BindFailures >= 1), Limit);
        var status = await client.GetStatusAsync();
        Assert.NotEqual(LinkState.Bound, status.State);
        Assert.False(bound.IsCompleted, "the client reported Bound although every bind was refused");
        Assert.Equal(0, status.Counters.Accepted);
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    [Fact]
    public async Task Our_esme_reads_mobile_originated_text_from_a_node_smpp_smsc_in_each_data_coding()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()));
        await smsc.Within(client.WhenBound(), "our client to bind");
        var longText = string.Concat(Enumerable.Repeat("Привет, Åse! Blåbærsyltetøy 👋 ", 10)).TrimEnd();
        (DataCoding Coding, string Text)[] sent =
        [
            (DataCoding.SmscDefault, "Hei {fra} [node] ~ 10€ | ^ æøå ÆØÅ @ _"),
            (DataCoding.Latin1, "Blåbærsyltetøy på Ørland"),
            (DataCoding.Ucs2, "Привет, Åse 👋"),
        ];
        var inbound = client.Inbound.Take(sent.Length + 1).RunWith(Sink.Seq<InboundMessage>(), _materializer);

        foreach (var (coding, text) in sent)
            await smsc.SendAsync($"MO_CODED {(byte)coding} 4791234567 2401 {text}");
        await smsc.SendAsync($"MO_PAYLOAD {(byte)DataCoding.Ucs2} 4791234567 2401 {longText}");
        var messages = await smsc.Within(inbound, "the mobile-originated messages on our client's Inbound");

        for (var i = 0; i < sent.Length; i++)
        {
            Assert.Equal(sent[i].Coding, messages[i].Pdu.DataCoding);
            Assert.Equal(sent[i].Text, SmsText.Decode(messages[i].Pdu.UserData.Span, messages[i].Pdu.DataCoding));
        }
        var payload = messages[^1].Pdu;
        Assert.True(payload.ShortMessage.IsEmpty);
        Assert.Equal(longText.Length * 2, payload.OptionalParameters.MessagePayload!.Value.Length);
        Assert.Equal(longText, SmsText.Decode(payload.UserData.Span, payload.DataCoding));
        Assert.All(await smsc.ExpectEventsAsync("deliver_sm_resp", sent.Length + 1), a => Assert.Equal(0, a.GetProperty("command_status").GetInt32()));
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    [Fact]
    public async Task A_node_smpp_smsc_reads_the_text_of_our_submits_in_each_data_coding()
    {
        await using var smsc = await StartSmscAsync();
        var client = EsmeClient.Start(Sys, Settings(await smsc.ListeningPortAsync()));
        await smsc.Within(client.WhenBound(), "our client to bind");
        (DataCoding Coding, string Text)[] texts =
        [
            (DataCoding.SmscDefault, "Hei {fra} [oss] ~ 10€ | ^ æøå ÆØÅ @ _"),
            (DataCoding.Latin1, "Blåbærsyltetøy på Ørland"),
            (DataCoding.Ucs2, "Привет, Åse 👋"),
        ];

        var results = await smsc.Within(Task.WhenAll(texts.Select((t, i) => client.SubmitAsync(Submit($"ref-{i}", $"47900000{i:D2}", t.Text, t.Coding)))), "the submits' results");
        var submits = await smsc.ExpectEventsAsync("submit", texts.Length);

        Assert.All(results, r => Assert.IsType<SubmitAccepted>(r));
        var byDestination = submits.ToDictionary(s => Str(s, "destination_addr"));
        for (var i = 0; i < texts.Length; i++)
        {
            var submit = byDestination[$"47900000{i:D2}"];
            Assert.Equal((byte)texts[i].Coding, submit.GetProperty("data_coding").GetInt32());
            Assert.Equal(texts[i].Text, Str(submit, "text"));
        }
        await smsc.Within(client.StopAsync(), "our client to stop");
    }

    private static Task<NodeInterop> StartSmscAsync() => NodeInterop.StartAsync("smsc-server.js", "0", "front", "secret");

    /// <summary>
    /// Short back-offs so retries show within the test's limit; BindTimeout (which also bounds the unbind) longer than
    /// that limit, so an unanswered bind or unbind fails the test instead of being papered over by a timeout.
    /// </summary>
    private static EsmeSettings Settings(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        SystemId = "front",
        Password = "secret",
        SystemType = "FRONT",
        BindTimeout = Limit + TimeSpan.FromSeconds(10),
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(500),
    };

    private static SubmitRequest Submit(string reference, string destination, string text, DataCoding coding) => new(reference, new SubmitSm
    {
        SourceAddrTon = 5,
        SourceAddr = "Front",
        DestAddrTon = 1,
        DestAddrNpi = 1,
        DestinationAddr = destination,
        RegisteredDelivery = RegisteredDelivery.OnFinalOutcome,
        DataCoding = coding,
        ShortMessage = SmsText.Encode(text, coding),
    });

    private static string Str(JsonElement e, string property) => e.GetProperty(property).GetString() ?? "<null>";
}
