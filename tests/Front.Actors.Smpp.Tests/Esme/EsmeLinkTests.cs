using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using static Front.Actors.Smpp.Tests.Esme.EsmeTestSupport;

namespace Front.Actors.Smpp.Tests.Esme;

/// <summary>The ESME session against a scripted SMSC: silence, garbage and unsolicited PDUs.</summary>
public class EsmeLinkTests : TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly ScriptedSmsc _smsc = new();
    private readonly IMaterializer _materializer;

    public EsmeLinkTests() : base(TestConfig.Patient) => _materializer = Sys.Materializer();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smsc.DisposeAsync();

    private async Task<(EsmeClient Client, ScriptedSmsc.Link Link)> Bound(Func<EsmeSettings, EsmeSettings>? tweak = null)
    {
        var client = EsmeClient.Start(Sys, (tweak ?? (s => s))(Settings(_smsc.Port) with { SystemType = "SMS" }));
        var link = await _smsc.NextLinkAsync();
        await link.AcceptBindAsync();
        await client.WhenBound().WaitAsync(Limit);
        return (client, link);
    }

    [Fact]
    public async Task Bind_carries_system_id_password_and_system_type()
    {
        var client = EsmeClient.Start(Sys, Settings(_smsc.Port) with { SystemType = "SMS" });
        var link = await _smsc.NextLinkAsync();

        var bind = await link.AcceptBindAsync();

        Assert.Equal(("front", "secret", "SMS", (byte)0x34), (bind.SystemId, bind.Password, bind.SystemType, bind.InterfaceVersion));
        await client.WhenBound().WaitAsync(Limit);
    }

    [Fact]
    public async Task Submits_get_increasing_sequence_numbers()
    {
        var (client, link) = await Bound();

        _ = client.SubmitAsync(Request(1));
        _ = client.SubmitAsync(Request(2));
        var first = await link.ExpectAsync<SubmitSm>();
        var second = await link.ExpectAsync<SubmitSm>();

        Assert.True(second.SequenceNumber > first.SequenceNumber);
    }

    [Fact]
    public async Task Answers_the_smscs_enquire_link()
    {
        var (_, link) = await Bound();

        await link.SendAsync(new EnquireLink { SequenceNumber = 77 });

        Assert.Equal(77u, (await link.ExpectAsync<EnquireLinkResp>()).SequenceNumber);
    }

    [Fact]
    public async Task Deliver_sm_is_answered_after_it_is_handed_to_the_inbound_source()
    {
        var (client, link) = await Bound();
        var inbound = client.Inbound.RunWith(Sink.First<InboundMessage>(), _materializer);

        await link.SendAsync(new DeliverSm { SequenceNumber = 5, SourceAddr = "4791234567", DestinationAddr = "2401", ShortMessage = "Hei"u8.ToArray() });

        var response = await link.ExpectAsync<DeliverSmResp>();
        Assert.Equal((5u, CommandStatus.Ok), (response.SequenceNumber, response.Status));
        Assert.Equal("4791234567", (await inbound.WaitAsync(Limit)).Pdu.SourceAddr);
    }

    [Fact]
    public async Task With_acknowledge_when_handled_the_answer_waits_for_the_consumer_to_settle()
    {
        var (client, link) = await Bound(s => s with { AcknowledgeWhenHandled = true });
        var taken = System.Threading.Channels.Channel.CreateUnbounded<InboundMessage>();
        _ = client.Inbound.RunForeach(m => taken.Writer.TryWrite(m), _materializer);

        await link.SendAsync(new DeliverSm { SequenceNumber = 8, SourceAddr = "4791234567", DestinationAddr = "2401", ShortMessage = "En"u8.ToArray() });
        await link.SendAsync(new DeliverSm { SequenceNumber = 9, SourceAddr = "4791234567", DestinationAddr = "2401", ShortMessage = "To"u8.ToArray() });
        var first = await taken.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        var second = await taken.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        // Settled out of order, and the second one refused: the answers follow the settling.
        second.Settle(false);
        var refused = await link.ExpectAsync<DeliverSmResp>();
        first.Settle(true);
        first.Settle(false); // only the first settling counts
        var accepted = await link.ExpectAsync<DeliverSmResp>();

        Assert.Equal((9u, CommandStatus.ReceiverTemporaryAppError), (refused.SequenceNumber, refused.Status));
        Assert.Equal((8u, CommandStatus.Ok), (accepted.SequenceNumber, accepted.Status));
        await link.SendAsync(new EnquireLink { SequenceNumber = 10 });
        Assert.Equal(10u, (await link.ExpectAsync<EnquireLinkResp>()).SequenceNumber); // nothing else was answered in between
    }

    [Fact]
    public async Task When_the_consumer_is_behind_the_smsc_is_told_to_retry_later()
    {
        var (_, link) = await Bound(s => s with { InboundBufferSize = 1 });

        await link.SendAsync(new DeliverSm { SequenceNumber = 1, SourceAddr = "4791234567", DestinationAddr = "2401" });
        await link.SendAsync(new DeliverSm { SequenceNumber = 2, SourceAddr = "4791234567", DestinationAddr = "2401" });

        Assert.Equal(CommandStatus.Ok, (await link.ExpectAsync<DeliverSmResp>()).Status);
        Assert.Equal(CommandStatus.ReceiverTemporaryAppError, (await link.ExpectAsync<DeliverSmResp>()).Status);
    }

    [Fact]
    public async Task Unknown_command_is_answered_with_generic_nack_and_the_link_survives()
    {
        var (_, link) = await Bound();

        await link.SendRawAsync(Hex.Bytes("00000010 00000099 00000000 00000021"));
        var nack = await link.ExpectAsync<GenericNack>();
        await link.SendAsync(new EnquireLink { SequenceNumber = 34 });

        Assert.Equal((0x21u, CommandStatus.InvalidCommandId), (nack.SequenceNumber, nack.Status));
        Assert.Equal(34u, (await link.ExpectAsync<EnquireLinkResp>()).SequenceNumber);
    }

    [Fact]
    public async Task Command_length_under_16_is_answered_and_the_link_is_replaced()
    {
        var (client, link) = await Bound();

        await link.SendRawAsync(Hex.Bytes("00000008 00000015"));

        Assert.Equal(CommandStatus.InvalidCommandLength, (await link.ExpectAsync<GenericNack>()).Status);
        await link.Closed.WaitAsync(Limit);
        var next = await _smsc.NextLinkAsync();
        await next.AcceptBindAsync();
        await client.WhenBound().WaitAsync(Limit);
    }

    [Fact]
    public async Task Silent_link_is_declared_dead_and_replaced()
    {
        var (_, link) = await Bound(s => s with { EnquireLinkInterval = TimeSpan.FromMilliseconds(100), DeadLinkTimeout = TimeSpan.FromMilliseconds(400) });

        await link.ExpectAsync<EnquireLink>(); // and never answer it

        await link.Closed.WaitAsync(Limit);
        await (await _smsc.NextLinkAsync()).ExpectAsync<BindTransceiver>();
    }

    [Fact]
    public async Task Unanswered_bind_times_out_and_the_session_connects_again()
    {
        var client = EsmeClient.Start(Sys, Settings(_smsc.Port) with { BindTimeout = TimeSpan.FromMilliseconds(200) });
        var first = await _smsc.NextLinkAsync();
        await first.ExpectAsync<BindTransceiver>(); // and never answer it

        await first.Closed.WaitAsync(Limit);
        var second = await _smsc.NextLinkAsync();
        await second.AcceptBindAsync();
        await client.WhenBound().WaitAsync(Limit);
    }

    [Fact]
    public async Task Unbind_from_the_smsc_is_answered_and_the_session_binds_again()
    {
        var (client, link) = await Bound();

        await link.SendAsync(new Unbind { SequenceNumber = 9 });

        Assert.Equal(9u, (await link.ExpectAsync<UnbindResp>()).SequenceNumber);
        await link.Closed.WaitAsync(Limit);
        await (await _smsc.NextLinkAsync()).AcceptBindAsync();
        await client.WhenBound().WaitAsync(Limit);
    }

    [Fact]
    public async Task In_flight_submits_are_handed_back_on_link_loss_when_so_configured()
    {
        var (client, link) = await Bound(s => s with { LinkLossPolicy = LinkLossPolicy.HandBack });
        var pending = client.SubmitAsync(Request(1));
        await link.ExpectAsync<SubmitSm>();

        link.Dispose();

        Assert.Equal(NotSentReason.LinkLost, Assert.IsType<SubmitNotSent>(await pending.WaitAsync(Limit)).Reason);
    }

    [Fact]
    public async Task In_flight_submits_are_sent_again_on_the_next_link_by_default()
    {
        var (client, link) = await Bound();
        var pending = client.SubmitAsync(Request(1));
        var lost = await link.ExpectAsync<SubmitSm>();

        link.Dispose();
        var next = await _smsc.NextLinkAsync();
        await next.AcceptBindAsync();
        var again = await next.ExpectSkippingEnquireLinksAsync<SubmitSm>();
        await next.SendAsync(new SubmitSmResp { SequenceNumber = again.SequenceNumber, MessageId = "42" });

        Assert.Equal(Hex.Of(lost.ShortMessage.Span), Hex.Of(again.ShortMessage.Span));
        Assert.Equal("42", Assert.IsType<SubmitAccepted>(await pending.WaitAsync(Limit)).MessageId);
    }

    [Fact]
    public async Task Throttled_submit_is_sent_again_after_a_pause()
    {
        var (client, link) = await Bound(s => s with { ThrottlePause = TimeSpan.FromMilliseconds(50) });
        var pending = client.SubmitAsync(Request(1));

        var first = await link.ExpectAsync<SubmitSm>();
        await link.SendAsync(new SubmitSmResp { SequenceNumber = first.SequenceNumber, Status = CommandStatus.Throttled });
        var second = await link.ExpectSkippingEnquireLinksAsync<SubmitSm>();
        await link.SendAsync(new SubmitSmResp { SequenceNumber = second.SequenceNumber, MessageId = "7" });

        Assert.NotEqual(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal("7", Assert.IsType<SubmitAccepted>(await pending.WaitAsync(Limit)).MessageId);
        Assert.Equal(1, (await client.GetStatusAsync()).Counters.Throttled);
    }

    [Fact]
    public async Task Generic_nack_for_a_submit_rejects_it_with_that_status()
    {
        var (client, link) = await Bound();
        var pending = client.SubmitAsync(Request(1));

        var submit = await link.ExpectAsync<SubmitSm>();
        await link.SendAsync(new GenericNack { SequenceNumber = submit.SequenceNumber, Status = CommandStatus.InvalidCommandLength });

        Assert.Equal(CommandStatus.InvalidCommandLength, Assert.IsType<SubmitRejected>(await pending.WaitAsync(Limit)).Status);
    }

    [Fact]
    public async Task Stop_sends_unbind_and_closes_after_the_answer()
    {
        var (client, link) = await Bound();

        var stopping = client.StopAsync();
        var unbind = await link.ExpectSkippingEnquireLinksAsync<Unbind>();
        await link.SendAsync(unbind.CreateResponse());

        await stopping.WaitAsync(Limit);
        await link.Closed.WaitAsync(Limit);
    }
}
