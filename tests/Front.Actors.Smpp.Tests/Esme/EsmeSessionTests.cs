using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.SmscSimulator;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;
using static Front.Actors.Smpp.Tests.Esme.EsmeTestSupport;

namespace Front.Actors.Smpp.Tests.Esme;

/// <summary>The ESME session against the SMSC simulator over real TCP on 127.0.0.1.</summary>
public class EsmeSessionTests : TestKit, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly IMaterializer _materializer;
    private SmscSimulator.SmscSimulator _smsc = null!;

    public EsmeSessionTests() : base(TestConfig.Patient) => _materializer = Sys.Materializer();

    public async Task InitializeAsync() =>
        _smsc = await SmscSimulator.SmscSimulator.StartAsync(Sys, new SmscSimulatorOptions
        {
            Credentials = new Dictionary<string, string> { ["front"] = "secret" },
            ReceiptDelay = TimeSpan.FromMilliseconds(20),
        });

    public async Task DisposeAsync() => await _smsc.StopAsync();

    private async Task<EsmeClient> BoundClient(Func<EsmeSettings, EsmeSettings>? tweak = null)
    {
        var client = EsmeClient.Start(Sys, (tweak ?? (s => s))(Settings(_smsc.Port)));
        await client.WhenBound().WaitAsync(Bound);
        return client;
    }

    private async Task<IReadOnlyList<SubmitResult>> SendThroughFlow(EsmeClient client, int count, bool receipts = false) =>
        (await Source.From(Enumerable.Range(1, count)).Select(n => Request(n, receipts)).Via(client.SubmitFlow())
            .RunWith(Sink.Seq<SubmitResult>(), _materializer).WaitAsync(TimeSpan.FromSeconds(60))).ToList();

    [Fact]
    public async Task Binds_as_transceiver_with_its_credentials()
    {
        var client = await BoundClient();

        Assert.Equal(LinkState.Bound, (await client.GetStatusAsync()).State);
        Assert.Equal(1, _smsc.Counters.BindsAccepted);
        await client.StopAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_the_session_keeps_retrying_without_binding()
    {
        var client = EsmeClient.Start(Sys, Settings(_smsc.Port) with { Password = "wrong" });

        await AwaitAssertAsync(async () => Assert.True((await client.GetStatusAsync()).Counters.BindFailures >= 2), Bound);
        Assert.NotEqual(LinkState.Bound, (await client.GetStatusAsync()).State);
        Assert.Equal(0, _smsc.Counters.BindsAccepted);
        await client.StopAsync();
    }

    [Fact]
    public async Task Submit_is_accepted_with_the_message_id_the_smsc_gave()
    {
        var client = await BoundClient();

        var result = await client.SubmitAsync(Request(1));

        var accepted = Assert.IsType<SubmitAccepted>(result);
        Assert.Equal("ref-1", accepted.Request.Reference);
        Assert.Equal(_smsc.AcceptedSubmits.Single().MessageId, accepted.MessageId);
        await client.StopAsync();
    }

    [Fact]
    public async Task Every_submit_through_the_flow_ends_in_exactly_one_result()
    {
        var client = await BoundClient();

        var results = await SendThroughFlow(client, 500);

        Assert.Equal(500, results.Count);
        Assert.All(results, r => Assert.IsType<SubmitAccepted>(r));
        Assert.Equal(500, results.Select(r => r.Request.Reference).Distinct().Count());
        Assert.Equal(500, results.OfType<SubmitAccepted>().Select(r => r.MessageId).Distinct().Count());
        await client.StopAsync();
    }

    [Fact]
    public async Task A_full_window_back_pressures_the_flow_instead_of_queueing()
    {
        _smsc.Configure(o => o with { RespondToSubmits = false });
        var client = await BoundClient(s => s with { WindowSize = 5 });
        var pulled = 0;

        _ = Source.From(Enumerable.Range(1, 100)).Select(n => { Interlocked.Increment(ref pulled); return Request(n); })
            .Via(client.SubmitFlow()).RunWith(Sink.Ignore<SubmitResult>(), _materializer);

        await AwaitAssertAsync(async () =>
        {
            var status = await client.GetStatusAsync();
            Assert.Equal(5, status.InFlight);
            Assert.Equal(5, _smsc.Counters.SubmitsReceived);
        }, Bound);
        // The window holds 5 and the flow 5 more ready to refill it; nothing beyond was taken from upstream.
        Assert.Equal(5, (await client.GetStatusAsync()).Queued);
        Assert.InRange(Volatile.Read(ref pulled), 10, 11);
        await client.StopAsync();
    }

    [Fact]
    public async Task Unanswered_submit_is_handed_back_after_the_wait_ack_timeout_when_so_configured()
    {
        _smsc.Configure(o => o with { RespondToSubmits = false });
        var client = await BoundClient(s => s with { ResponseTimeout = TimeSpan.FromMilliseconds(300), WaitAckAction = WaitAckAction.HandBack });

        var result = await client.SubmitAsync(Request(1)).WaitAsync(Bound);

        Assert.Equal(NotSentReason.ResponseTimeout, Assert.IsType<SubmitNotSent>(result).Reason);
        Assert.Equal(LinkState.Bound, (await client.GetStatusAsync()).State);
        await client.StopAsync();
    }

    [Fact]
    public async Task Unanswered_submit_makes_the_session_reconnect_and_send_it_again_by_default()
    {
        _smsc.Configure(o => o with { RespondToSubmits = false });
        var client = await BoundClient(s => s with { ResponseTimeout = TimeSpan.FromMilliseconds(300) });

        var pending = client.SubmitAsync(Request(1));
        await AwaitAssertAsync(async () => Assert.True((await client.GetStatusAsync()).Counters.ResponseTimeouts >= 1), Bound);
        _smsc.Configure(o => o with { RespondToSubmits = true });

        Assert.IsType<SubmitAccepted>(await pending.WaitAsync(Bound));
        Assert.True(_smsc.Counters.BindsAccepted >= 2);
        await client.StopAsync();
    }

    [Fact]
    public async Task Throttled_answers_slow_the_session_down_and_fail_nothing()
    {
        _smsc.Configure(o => o with { MaxSubmitsPerSecond = 50 });
        var client = await BoundClient(s => s with { ThrottlePause = TimeSpan.FromMilliseconds(100) });

        var results = await SendThroughFlow(client, 150);

        Assert.All(results, r => Assert.IsType<SubmitAccepted>(r));
        Assert.True(_smsc.Counters.SubmitsThrottled > 0, "the simulator should have throttled part of a 150-message burst at 50/s");
        Assert.Equal(_smsc.Counters.SubmitsThrottled, (await client.GetStatusAsync()).Counters.Throttled);
        Assert.Equal(150, _smsc.AcceptedSubmits.Count);
        await client.StopAsync();
    }

    [Fact]
    public async Task Permanent_refusals_come_back_as_rejected_with_the_status()
    {
        _smsc.Configure(o => o with { FailFraction = 1.0, FailStatus = CommandStatus.InvalidDestinationAddress });
        var client = await BoundClient();

        var result = await client.SubmitAsync(Request(1));

        Assert.Equal(CommandStatus.InvalidDestinationAddress, Assert.IsType<SubmitRejected>(result).Status);
        await client.StopAsync();
    }

    [Fact]
    public async Task Link_drop_mid_stream_reconnects_and_loses_or_duplicates_nothing()
    {
        _smsc.Configure(o => o with { DropLinkAfterSubmits = 57 });
        var client = await BoundClient();

        var results = await SendThroughFlow(client, 300);

        Assert.All(results, r => Assert.IsType<SubmitAccepted>(r));
        var received = _smsc.AcceptedSubmits.Select(s => ReferenceOf(s.Pdu)).ToList();
        Assert.Equal(300, received.Count);
        Assert.Equal(300, received.Distinct().Count());
        Assert.True(_smsc.Counters.LinksDropped >= 1);
        Assert.True((await client.GetStatusAsync()).Counters.Reconnects >= 1);
        await client.StopAsync();
    }

    [Fact]
    public async Task Receipts_arrive_on_the_inbound_source_and_match_the_submits()
    {
        var client = await BoundClient();
        var receipts = client.Inbound.Take(50).RunWith(Sink.Seq<InboundMessage>(), _materializer);

        var results = await SendThroughFlow(client, 50, receipts: true);

        // The simulator answers ids in hex and writes decimal ids in receipt text, as real SMSCs do.
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Hex, MessageIdFormat.Decimal);
        var submitted = results.OfType<SubmitAccepted>().Select(a => normalizer.KeyForSubmitResponse(a.MessageId)).ToHashSet();
        var received = await receipts.WaitAsync(Bound);
        Assert.All(received, m => Assert.True(m.IsReceipt));
        Assert.Equal(submitted, received.Select(m => normalizer.KeyForReceipt(m.Receipt!)).ToHashSet());
        Assert.All(received, m => Assert.Equal(MessageState.Delivered, m.Receipt!.State));
        // The text's decimal id and the TLV's hex id name the same message.
        Assert.All(received, m => Assert.Equal(normalizer.KeyForReceipt(m.Receipt!.Id), normalizer.KeyForSubmitResponse(m.Receipt!.ReceiptedMessageId!)));
        await client.StopAsync();
    }

    [Fact]
    public async Task Mobile_originated_messages_arrive_on_the_inbound_source()
    {
        var client = await BoundClient();
        var inbound = client.Inbound.Take(1).RunWith(Sink.First<InboundMessage>(), _materializer);

        await _smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei på deg");

        var message = await inbound.WaitAsync(Bound);
        Assert.False(message.IsReceipt);
        Assert.Equal("4791234567", message.Pdu.SourceAddr);
        Assert.Equal("2401", message.Pdu.DestinationAddr);
        Assert.Equal("Hei på deg", SmsText.Decode(message.Pdu.ShortMessage.Span, message.Pdu.DataCoding));
        await client.StopAsync();
    }

    [Fact]
    public async Task Enquire_link_is_sent_when_the_link_is_idle()
    {
        var client = await BoundClient(s => s with { EnquireLinkInterval = TimeSpan.FromMilliseconds(100), DeadLinkTimeout = TimeSpan.FromSeconds(5) });

        await AwaitAssertAsync(() => Assert.True(_smsc.Counters.EnquireLinksAnswered >= 2), Bound);
        Assert.Equal(LinkState.Bound, (await client.GetStatusAsync()).State);
        await client.StopAsync();
    }

    [Fact]
    public async Task Stop_finishes_in_flight_submits_then_unbinds()
    {
        var client = await BoundClient();
        var pending = Enumerable.Range(1, 20).Select(n => client.SubmitAsync(Request(n))).ToList();

        await client.StopAsync().WaitAsync(Bound);

        var results = await Task.WhenAll(pending);
        Assert.Equal(20, results.Length);
        // Whatever had left was answered; whatever had not was handed back, never lost.
        Assert.All(results, r => Assert.True(r is SubmitAccepted or SubmitNotSent { Reason: NotSentReason.ShuttingDown }, r.ToString()));
        Assert.Equal(results.OfType<SubmitAccepted>().Count(), _smsc.AcceptedSubmits.Count);
        await AwaitAssertAsync(() => Assert.Equal(0, _smsc.Counters.ActiveSessions), Bound);
        Assert.IsType<SubmitNotSent>(await client.SubmitAsync(Request(99)));
    }

    [Fact]
    public async Task Submit_with_a_field_over_its_maximum_is_handed_back_as_invalid()
    {
        var client = await BoundClient();
        var bad = Request(1) with { Pdu = Request(1).Pdu with { DestinationAddr = new string('4', 25) } };

        var result = await client.SubmitAsync(bad);

        Assert.Equal(NotSentReason.InvalidPdu, Assert.IsType<SubmitNotSent>(result).Reason);
        Assert.IsType<SubmitAccepted>(await client.SubmitAsync(Request(2)));
        await client.StopAsync();
    }

    [Fact]
    public async Task Submits_beyond_the_queue_limit_are_handed_back_at_once()
    {
        _smsc.Configure(o => o with { RespondToSubmits = false });
        var client = await BoundClient(s => s with { WindowSize = 1, MaxQueuedSubmits = 2 });

        var first = Enumerable.Range(1, 3).Select(n => client.SubmitAsync(Request(n))).ToList();
        var overflow = await client.SubmitAsync(Request(4)).WaitAsync(Bound);

        Assert.Equal(NotSentReason.QueueFull, Assert.IsType<SubmitNotSent>(overflow).Reason);
        Assert.All(first, t => Assert.False(t.IsCompleted));
        await client.StopAsync();
    }
}
