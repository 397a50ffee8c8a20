using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using Front.Actors.Domain.Text;
using static Front.Actors.SmscSimulator.Tests.SimulatorTestSupport;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>The simulator over real TCP on 127.0.0.1, driven by a bare SMPP client.</summary>
public class SmscSimulatorTests : TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private SmscSimulator _smsc = null!;

    public async Task InitializeAsync() =>
        _smsc = await SmscSimulator.StartAsync(Sys, new SmscSimulatorOptions
        {
            Credentials = new Dictionary<string, string> { ["front"] = "secret" },
            ReceiptDelay = TimeSpan.FromMilliseconds(10),
            RedeliveryDelay = TimeSpan.FromMilliseconds(50),
        });

    public async Task DisposeAsync() => await _smsc.StopAsync();

    [Theory]
    [InlineData("front", "secret", CommandStatus.Ok)]
    [InlineData("front", "wrong", CommandStatus.InvalidPassword)]
    [InlineData("stranger", "secret", CommandStatus.InvalidSystemId)]
    public async Task Binds_are_checked_against_the_configured_credentials(string systemId, string password, CommandStatus expected)
    {
        using var esme = await RawEsme.ConnectAsync(_smsc.Port);

        var response = await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = systemId, Password = password });

        Assert.Equal(expected, response.Status);
        Assert.Equal(expected == CommandStatus.Ok ? "SIMSMSC" : "", response.SystemId);
    }

    [Fact]
    public async Task Any_credentials_are_accepted_when_none_are_configured()
    {
        _smsc.Configure(o => o with { Credentials = null });
        using var esme = await RawEsme.ConnectAsync(_smsc.Port);

        var response = await esme.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "anyone", Password = "x" });

        Assert.Equal(CommandStatus.Ok, response.Status);
    }

    [Fact]
    public async Task A_second_bind_on_a_bound_link_is_refused_as_already_bound()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        var response = await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = "front", Password = "secret" });

        Assert.Equal(CommandStatus.AlreadyBound, response.Status);
    }

    [Fact]
    public async Task Submit_before_bind_is_refused_with_incorrect_bind_status()
    {
        using var esme = await RawEsme.ConnectAsync(_smsc.Port);

        var response = await esme.RequestAsync<SubmitSmResp>(Submit());

        Assert.Equal(CommandStatus.IncorrectBindStatus, response.Status);
    }

    [Fact]
    public async Task Submit_on_a_receiver_bind_is_refused_with_incorrect_bind_status()
    {
        using var esme = await RawEsme.ConnectAsync(_smsc.Port);
        await esme.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" });

        Assert.Equal(CommandStatus.IncorrectBindStatus, (await esme.RequestAsync<SubmitSmResp>(Submit())).Status);
    }

    [Fact]
    public async Task Submit_is_answered_with_an_id_and_followed_by_a_receipt_naming_it()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        var response = await esme.RequestAsync<SubmitSmResp>(Submit("Hei på deg, dette er en test"));
        var receipt = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(receipt.CreateResponse());

        Assert.Equal(CommandStatus.Ok, response.Status);
        Assert.True(receipt.IsReceipt);
        Assert.Equal(response.MessageId, receipt.OptionalParameters.ReceiptedMessageId);
        Assert.Equal(MessageState.Delivered, receipt.OptionalParameters.MessageState);
        Assert.True(DeliveryReceiptParser.TryParse(SmsTextCodec.Decode(receipt.ShortMessage.Span, receipt.DataCoding), out var parsed));
        // The response writes hex and the receipt text decimal, as many SMSCs do.
        Assert.Equal(MessageIdNormalizer.Key(response.MessageId, MessageIdFormat.Hex), MessageIdNormalizer.Key(parsed.Id, MessageIdFormat.Decimal));
        Assert.Equal("DELIVRD", parsed.Stat);
        Assert.Equal("Hei p? deg, dette er", parsed.Text);
        Assert.Equal(("4791234567", "Front"), (receipt.SourceAddr, receipt.DestinationAddr));
        Assert.Equal(response.MessageId, Assert.Single(_smsc.AcceptedSubmits).MessageId);
    }

    [Fact]
    public async Task Submits_without_a_receipt_request_get_none()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None));
        var wanted = await esme.RequestAsync<SubmitSmResp>(Submit());

        // Receipts leave in due order, so the first to arrive is the one that was asked for.
        Assert.Equal(wanted.MessageId, (await esme.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task The_outcome_mix_decides_what_receipts_report()
    {
        _smsc.Configure(o => o with { Outcomes = new ReceiptOutcomeMix(0, 1, 0) });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.RequestAsync<SubmitSmResp>(Submit());
        var receipt = await esme.ExpectAsync<DeliverSm>();

        Assert.Equal(MessageState.Undeliverable, receipt.OptionalParameters.MessageState);
        Assert.Contains("stat:UNDELIV", SmsTextCodec.Decode(receipt.ShortMessage.Span, receipt.DataCoding));
        Assert.Contains("dlvrd:000", SmsTextCodec.Decode(receipt.ShortMessage.Span, receipt.DataCoding));
    }

    [Fact]
    public async Task Failure_only_receipts_are_sent_for_failures()
    {
        _smsc.Configure(o => o with { Outcomes = new ReceiptOutcomeMix(0, 0, 1) });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.OnFailure));

        Assert.Equal(MessageState.Expired, (await esme.ExpectAsync<DeliverSm>()).OptionalParameters.MessageState);
    }

    [Fact]
    public async Task Submits_above_the_rate_are_answered_throttled()
    {
        _smsc.Configure(o => o with { MaxSubmitsPerSecond = 10 });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        var statuses = new List<CommandStatus>();
        for (var i = 0; i < 50; i++)
            await esme.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        for (var i = 0; i < 50; i++)
            statuses.Add((await esme.ExpectAsync<SubmitSmResp>()).Status);

        // A burst of 50 against 10 per second: the bucket holds 10, a few more may trickle in while sending.
        var throttled = statuses.Count(s => s == CommandStatus.Throttled);
        Assert.InRange(throttled, 1, 40);
        Assert.Equal(50 - throttled, statuses.Count(s => s == CommandStatus.Ok));
        Assert.Equal(throttled, _smsc.Counters.SubmitsThrottled);
    }

    [Fact]
    public async Task A_fail_fraction_of_one_refuses_every_submit_with_the_fail_status()
    {
        _smsc.Configure(o => o with { FailFraction = 1, FailStatus = CommandStatus.InvalidDestinationAddress });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        for (var i = 0; i < 5; i++)
            Assert.Equal(CommandStatus.InvalidDestinationAddress, (await esme.RequestAsync<SubmitSmResp>(Submit())).Status);
        Assert.Equal(5, _smsc.Counters.SubmitsFailed);
        Assert.Empty(_smsc.AcceptedSubmits);
    }

    [Fact]
    public async Task The_link_is_dropped_after_the_configured_number_of_submits_and_nothing_more_is_answered()
    {
        _smsc.Configure(o => o with { DropLinkAfterSubmits = 3 });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        for (var i = 0; i < 5; i++)
            await esme.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        for (var i = 0; i < 3; i++)
            Assert.Equal(CommandStatus.Ok, (await esme.ExpectAsync<SubmitSmResp>()).Status);

        await esme.Closed.WaitAsync(Limit);
        Assert.Equal(3, _smsc.AcceptedSubmits.Count);
        Assert.Equal(1, _smsc.Counters.LinksDropped);
    }

    [Fact]
    public async Task Silent_mode_swallows_submits_without_an_answer()
    {
        _smsc.Configure(o => o with { RespondToSubmits = false });
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.SendAsync(Submit());
        var enquire = await esme.RequestAsync<EnquireLinkResp>(new EnquireLink());

        // The enquire_link sent after the submit is answered first: the submit never will be.
        Assert.Equal(CommandStatus.Ok, enquire.Status);
        Assert.Equal(1, _smsc.Counters.SubmitsReceived);
        Assert.Empty(_smsc.AcceptedSubmits);
    }

    [Fact]
    public async Task A_short_mobile_originated_message_arrives_as_one_deliver_sm()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        Assert.Equal(1, await _smsc.InjectMobileOriginatedAsync("+4791234567", "2401", "STOPP"));
        var mo = await esme.ExpectAsync<DeliverSm>();

        Assert.False(mo.IsReceipt);
        Assert.Equal(("4791234567", 1), (mo.SourceAddr, (int)mo.SourceAddrTon));
        Assert.Equal("2401", mo.DestinationAddr);
        Assert.Equal("STOPP", SmsTextCodec.Decode(mo.ShortMessage.Span, mo.DataCoding));
    }

    [Fact]
    public async Task A_long_mobile_originated_message_arrives_in_concatenated_parts()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);
        var text = string.Concat(Enumerable.Repeat("Blåbærsyltetøy ", 14));

        Assert.Equal(2, await _smsc.InjectMobileOriginatedAsync("4791234567", "2401", text));
        var parts = new[] { await esme.ExpectAsync<DeliverSm>(), await esme.ExpectAsync<DeliverSm>() };

        var bodies = parts.Select(p =>
        {
            Assert.True(EsmClass.HasUdh(p.EsmClass));
            Assert.True(UserDataHeader.TryParse(p.ShortMessage.Span, out var headerLength, out var concat));
            return (concat!.Value.Sequence, Text: SmsTextCodec.Decode(p.ShortMessage.Span[headerLength..], p.DataCoding));
        }).OrderBy(p => p.Sequence).Select(p => p.Text);
        Assert.Equal(text, string.Concat(bodies));
    }

    [Fact]
    public async Task Injecting_with_no_receiver_bound_is_refused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei"));
    }

    [Fact]
    public async Task A_deliver_sm_answered_with_a_temporary_error_is_sent_again()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);
        await _smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei");

        var first = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(first.CreateResponse(CommandStatus.ReceiverTemporaryAppError));
        var again = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(again.CreateResponse());

        Assert.Equal(Convert.ToHexString(first.ShortMessage.Span), Convert.ToHexString(again.ShortMessage.Span));
        Assert.NotEqual(first.SequenceNumber, again.SequenceNumber);
    }

    [Fact]
    public async Task A_receipt_for_a_transmitter_goes_to_the_receiver_of_the_same_system_id()
    {
        using var transmitter = await RawEsme.ConnectAsync(_smsc.Port);
        await transmitter.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "front", Password = "secret" });
        using var receiver = await RawEsme.ConnectAsync(_smsc.Port);
        await receiver.RequestAsync<BindReceiverResp>(new BindReceiver { SystemId = "front", Password = "secret" });

        var response = await transmitter.RequestAsync<SubmitSmResp>(Submit());

        Assert.Equal(response.MessageId, (await receiver.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task Receipts_owed_to_a_dropped_link_are_delivered_on_the_next_bind()
    {
        _smsc.Configure(o => o with { ReceiptDelay = TimeSpan.FromHours(1) });
        string messageId;
        using (var first = await RawEsme.BoundAsync(_smsc.Port))
            messageId = (await first.RequestAsync<SubmitSmResp>(Submit())).MessageId;
        await AwaitAssertAsync(() => Assert.Equal(0, _smsc.Counters.ActiveSessions), Limit);

        using var second = await RawEsme.BoundAsync(_smsc.Port);

        Assert.Equal(messageId, (await second.ExpectAsync<DeliverSm>()).OptionalParameters.ReceiptedMessageId);
    }

    [Fact]
    public async Task Unknown_command_is_answered_with_generic_nack_and_the_link_survives()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.SendRawAsync(Convert.FromHexString("00000010000000990000000000000042"));
        var nack = await esme.ExpectAsync<GenericNack>();

        Assert.Equal((0x42u, CommandStatus.InvalidCommandId), (nack.SequenceNumber, nack.Status));
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
        Assert.Equal(1, _smsc.Counters.GenericNacksSent);
    }

    [Fact]
    public async Task Command_length_under_16_is_answered_and_the_link_closed()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        await esme.SendRawAsync(Convert.FromHexString("0000000A00000015000000000000"));

        Assert.Equal(CommandStatus.InvalidCommandLength, (await esme.ExpectAsync<GenericNack>()).Status);
        await esme.Closed.WaitAsync(Limit);
    }

    [Fact]
    public async Task Enquire_link_and_unbind_are_answered_and_unbind_closes_the_link()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);

        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<UnbindResp>(new Unbind())).Status);
        await esme.Closed.WaitAsync(Limit);
        await AwaitAssertAsync(() => Assert.Equal(0, _smsc.Counters.ActiveSessions), Limit);
    }

    [Fact]
    public async Task Stop_unbinds_bound_sessions()
    {
        using var esme = await RawEsme.BoundAsync(_smsc.Port);
        await _smsc.WhenSessionsBound(1).WaitAsync(Limit);

        var stopping = _smsc.StopAsync();
        var unbind = await esme.ExpectAsync<Unbind>();
        await esme.SendAsync(unbind.CreateResponse());
        await stopping.WaitAsync(Limit);

        await esme.Closed.WaitAsync(Limit);
    }

    [Fact]
    public async Task Drop_all_links_cuts_every_connection()
    {
        using var one = await RawEsme.BoundAsync(_smsc.Port);
        using var two = await RawEsme.BoundAsync(_smsc.Port);
        await _smsc.WhenSessionsBound(2).WaitAsync(Limit);

        _smsc.DropAllLinks();

        await one.Closed.WaitAsync(Limit);
        await two.Closed.WaitAsync(Limit);
    }
}
