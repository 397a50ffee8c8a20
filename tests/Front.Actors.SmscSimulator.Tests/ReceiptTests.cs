using Front.Actors.Smpp.Codec;
using System.Text.RegularExpressions;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using static Front.Actors.SmscSimulator.Tests.SimulatorTestSupport;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>Delivery receipts: their content, outcomes, routing between links, storage and redelivery.</summary>
public class ReceiptTests : SimulatorTestBase
{
    [Fact]
    public async Task Submit_is_answered_with_an_id_and_followed_by_a_receipt_naming_it()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        var response = await esme.RequestAsync<SubmitSmResp>(Submit("Hei på deg, dette er en test"));
        var receipt = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(receipt.CreateResponse());

        Assert.Equal(CommandStatus.Ok, response.Status);
        Assert.True(receipt.IsReceipt);
        Assert.Equal(EsmClass.DeliveryReceipt, receipt.EsmClass);
        Assert.Equal(response.MessageId, receipt.OptionalParameters.ReceiptedMessageId);
        Assert.Equal(MessageState.Delivered, receipt.OptionalParameters.MessageState);
        Assert.Matches(new Regex(@"^id:\d+ sub:001 dlvrd:001 submit date:\d{10} done date:\d{10} stat:DELIVRD err:000 text:Hei p\? deg, dette er$"), TextOf(receipt));
        Assert.True(DeliveryReceiptParser.TryParse(TextOf(receipt), out var parsed));
        // The response writes hex and the receipt text decimal, as many SMSCs do.
        Assert.Equal(MessageIdNormalizer.Key(response.MessageId, MessageIdFormat.Hex), MessageIdNormalizer.Key(parsed.Id, MessageIdFormat.Decimal));
        Assert.Equal("DELIVRD", parsed.Stat);
        Assert.Equal(("4791234567", "Front"), (receipt.SourceAddr, receipt.DestinationAddr));
        Assert.Equal(((byte)1, (byte)1, (byte)5), (receipt.SourceAddrTon, receipt.SourceAddrNpi, receipt.DestAddrTon));
        Assert.Equal(response.MessageId, Assert.Single(Smsc.AcceptedSubmits).MessageId);
        await AwaitAssertAsync(() => Assert.Equal((1, 1), (Smsc.Counters.ReceiptsSent, Smsc.Counters.DeliverSmRespReceived)), Limit);
    }

    [Fact]
    public async Task Receipt_text_ids_follow_their_own_style()
    {
        Smsc.Configure(o => o with { MessageIds = MessageIdStyle.Decimal, ReceiptIds = MessageIdStyle.Hex });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        var response = await esme.RequestAsync<SubmitSmResp>(Submit());
        var receipt = await esme.ExpectAsync<DeliverSm>();

        Assert.True(DeliveryReceiptParser.TryParse(TextOf(receipt), out var parsed));
        Assert.Equal(ulong.Parse(response.MessageId).ToString("x"), parsed.Id);
        Assert.Equal(response.MessageId, receipt.OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task Submits_without_a_receipt_request_get_none()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None));
        var wanted = await esme.RequestAsync<SubmitSmResp>(Submit());

        // Receipts leave in due order, so the first to arrive is the one that was asked for.
        Assert.Equal(wanted.MessageId, (await esme.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Theory]
    [InlineData(0, 1, 0, MessageState.Undeliverable, "stat:UNDELIV")]
    [InlineData(0, 0, 1, MessageState.Expired, "stat:EXPIRED")]
    public async Task The_outcome_mix_decides_what_receipts_report(double delivered, double undeliverable, double expired, MessageState state, string stat)
    {
        Smsc.Configure(o => o with { Outcomes = new ReceiptOutcomeMix(delivered, undeliverable, expired) });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await esme.RequestAsync<SubmitSmResp>(Submit());
        var receipt = await esme.ExpectAsync<DeliverSm>();

        Assert.Equal(state, receipt.OptionalParameters.MessageState);
        var text = TextOf(receipt);
        Assert.Contains(stat, text);
        Assert.Contains("dlvrd:000", text);
        Assert.DoesNotContain("err:000", text);
        Assert.True(DeliveryReceiptParser.TryParse(text, out var parsed));
        Assert.Equal(state, parsed.State);
    }

    [Fact]
    public async Task A_weighted_mix_reports_each_outcome_about_as_often_as_weighted()
    {
        Smsc.Configure(o => o with { Outcomes = new ReceiptOutcomeMix(2, 1, 1) });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 200; i++)
            await esme.SendAsync(Submit());
        var states = new List<MessageState>();
        while (states.Count < 200)
        {
            var pdu = await esme.NextAsync();
            if (pdu is DeliverSm receipt)
                states.Add(receipt.OptionalParameters.MessageState!.Value);
        }

        Assert.InRange(states.Count(s => s == MessageState.Delivered), 70, 130);
        Assert.InRange(states.Count(s => s == MessageState.Undeliverable), 25, 75);
        Assert.InRange(states.Count(s => s == MessageState.Expired), 25, 75);
    }

    [Fact]
    public async Task Failure_only_receipts_are_sent_for_failures_and_not_for_deliveries()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        // Delivered, asked for on failure only: no receipt. Then one asked for on any outcome, which must come first.
        await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.OnFailure));
        var wanted = await esme.RequestAsync<SubmitSmResp>(Submit());
        Assert.Equal(wanted.MessageId, (await esme.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);

        Smsc.Configure(o => o with { Outcomes = new ReceiptOutcomeMix(0, 0, 1) });
        var failed = await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.OnFailure));
        var receipt = await esme.ExpectAsync<DeliverSm>();
        Assert.Equal((failed.MessageId, MessageState.Expired), (receipt.OptionalParameters.ReceiptedMessageId, receipt.OptionalParameters.MessageState));
    }

    [Fact]
    public async Task A_receipt_for_a_transmitter_goes_to_the_receiver_of_the_same_system_id()
    {
        using var transmitter = await RawEsme.ConnectAsync(Smsc.Port);
        await transmitter.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "front", Password = "secret" });
        using var stranger = await RawEsme.BoundAsync(Smsc.Port, "other");
        using var receiver = await RawEsme.ConnectAsync(Smsc.Port);
        await receiver.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" });

        var response = await transmitter.RequestAsync<SubmitSmResp>(Submit());

        Assert.Equal(response.MessageId, (await receiver.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
        // The other system_id's transceiver saw nothing but its own enquire_link_resp.
        Assert.Equal(CommandStatus.Ok, (await stranger.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
    }

    [Fact]
    public async Task A_receipt_waits_until_a_receiver_of_its_system_id_binds()
    {
        using var transmitter = await RawEsme.ConnectAsync(Smsc.Port);
        await transmitter.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "front", Password = "secret" });
        var response = await transmitter.RequestAsync<SubmitSmResp>(Submit());

        using var receiver = await RawEsme.ConnectAsync(Smsc.Port);
        await receiver.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" });

        Assert.Equal(response.MessageId, (await receiver.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task Receipts_owed_to_a_closed_link_are_delivered_on_the_next_bind()
    {
        Smsc.Configure(o => o with { ReceiptDelay = TimeSpan.FromMilliseconds(500) });
        string messageId;
        using (var first = await RawEsme.BoundAsync(Smsc.Port))
            messageId = (await first.RequestAsync<SubmitSmResp>(Submit())).MessageId;
        await AwaitAssertAsync(() => Assert.Equal(0, Smsc.Counters.ActiveSessions), Limit);

        using var second = await RawEsme.BoundAsync(Smsc.Port);

        Assert.Equal(messageId, (await second.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task A_deliver_sm_answered_with_a_temporary_error_is_sent_again()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        var response = await esme.RequestAsync<SubmitSmResp>(Submit());

        var first = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(first.CreateResponse(CommandStatus.ReceiverTemporaryAppError));
        var again = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(again.CreateResponse());

        Assert.Equal(response.MessageId, again.OptionalParameters.ReceiptedMessageId);
        Assert.Equal(Convert.ToHexString(first.ShortMessage.Span), Convert.ToHexString(again.ShortMessage.Span));
        Assert.NotEqual(first.SequenceNumber, again.SequenceNumber);
        await AwaitAssertAsync(() => Assert.Equal((2, 2), (Smsc.Counters.ReceiptsSent, Smsc.Counters.DeliverSmRespReceived)), Limit);
    }

    [Fact]
    public async Task A_deliver_sm_answered_with_generic_nack_is_sent_again()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        await esme.RequestAsync<SubmitSmResp>(Submit());

        var first = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(new GenericNack { SequenceNumber = first.SequenceNumber, Status = CommandStatus.SystemError });
        var again = await esme.ExpectAsync<DeliverSm>();

        Assert.Equal(first.OptionalParameters.ReceiptedMessageId, again.OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task A_window_sent_in_one_write_without_receipt_delay_gets_each_receipt_after_its_response()
    {
        Smsc.Configure(o => o with { ReceiptDelay = TimeSpan.Zero });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        const int window = 50;
        var submits = Enumerable.Range(0, window).Select(_ => Submit() with { SequenceNumber = esme.NextSequence() }).ToList();

        await esme.SendRawAsync(submits.SelectMany(PduCodec.Encode).ToArray());

        var answered = new HashSet<string>();
        var receipted = new HashSet<string>();
        for (var i = 0; i < 2 * window; i++)
        {
            switch (await esme.NextAsync())
            {
                case SubmitSmResp response:
                    Assert.Equal(CommandStatus.Ok, response.Status);
                    Assert.True(answered.Add(response.MessageId));
                    break;
                case DeliverSm receipt:
                    var id = receipt.OptionalParameters.ReceiptedMessageId!;
                    // An ESME can only match a receipt whose submit_sm_resp it already has.
                    Assert.Contains(id, answered);
                    Assert.True(receipted.Add(id));
                    await esme.SendAsync(receipt.CreateResponse());
                    break;
                case var other:
                    Assert.Fail($"unexpected {other}");
                    break;
            }
        }
        Assert.Equal(submits.Select(s => s.SequenceNumber).ToHashSet().Count, answered.Count);
        Assert.Equal(answered, receipted);
    }
}
