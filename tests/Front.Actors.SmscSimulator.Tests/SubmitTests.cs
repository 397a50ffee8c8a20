using System.Globalization;
using Front.Actors.Smpp.Protocol;
using static Front.Actors.SmscSimulator.Tests.SimulatorTestSupport;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>submit_sm handling: ids, pipelining, throttling, failures, silence and link drops.</summary>
public class SubmitTests : SimulatorTestBase
{
    [Fact]
    public async Task Pipelined_submits_are_all_answered_with_unique_ids_and_recorded_in_order()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        var sequences = new List<uint>();
        for (var i = 0; i < 300; i++)
            sequences.Add(await esme.SendAsync(Submit($"melding {i}", RegisteredDelivery.None)));
        var responses = new List<SubmitSmResp>();
        for (var i = 0; i < 300; i++)
            responses.Add(await esme.ExpectAsync<SubmitSmResp>());

        Assert.Equal(sequences, responses.Select(r => r.SequenceNumber));
        Assert.All(responses, r => Assert.Equal(CommandStatus.Ok, r.Status));
        Assert.Equal(300, responses.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(responses.Select(r => r.MessageId), Smsc.AcceptedSubmits.Select(a => a.MessageId));
        Assert.Equal("melding 299", TextOf(Smsc.AcceptedSubmits[^1].Pdu));
        Assert.All(Smsc.AcceptedSubmits, a => Assert.Equal("front", a.SystemId));
        Assert.Equal((300, 300), (Smsc.Counters.SubmitsReceived, Smsc.Counters.SubmitsAccepted));
    }

    [Fact]
    public async Task Only_the_moments_of_accepted_submits_are_kept_when_asked_for_them_alone()
    {
        Smsc.Configure(o => o with { RecordSubmits = false, RecordSubmitTimes = true, MaxSubmitsPerSecond = 5 });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        for (var i = 0; i < 20; i++)
            await esme.SendAsync(Submit($"melding {i}", RegisteredDelivery.None));
        var accepted = 0;
        for (var i = 0; i < 20; i++)
            accepted += (await esme.ExpectAsync<SubmitSmResp>()).Status == CommandStatus.Ok ? 1 : 0;

        // One moment per accepted submit (the throttled ones are not counted), in order, none before the first was sent.
        var times = Smsc.SubmitTimestamps;
        Assert.InRange(accepted, 1, 19);
        Assert.Equal(accepted, times.Length);
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.True(t >= before));
        Assert.Empty(Smsc.AcceptedSubmits);
    }

    [Theory]
    [InlineData(MessageIdStyle.Hex, NumberStyles.AllowHexSpecifier)]
    [InlineData(MessageIdStyle.Decimal, NumberStyles.None)]
    public async Task Message_ids_are_written_in_the_configured_style(MessageIdStyle style, NumberStyles parsing)
    {
        Smsc.Configure(o => o with { MessageIds = style });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        var first = await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None));
        var second = await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None));

        var ids = new[] { first.MessageId, second.MessageId }.Select(id => ulong.Parse(id, parsing, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ids[0] + 1, ids[1]);
        if (style == MessageIdStyle.Hex)
            Assert.Equal(first.MessageId.ToLowerInvariant(), first.MessageId);
    }

    [Fact]
    public async Task Submits_above_the_rate_are_answered_throttled()
    {
        Smsc.Configure(o => o with { MaxSubmitsPerSecond = 10 });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 50; i++)
            await esme.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        var statuses = new List<CommandStatus>();
        for (var i = 0; i < 50; i++)
            statuses.Add((await esme.ExpectAsync<SubmitSmResp>()).Status);

        // A burst of 50 against 10 per second: the bucket holds 10, a few more may trickle in while sending.
        var throttled = statuses.Count(s => s == CommandStatus.Throttled);
        Assert.InRange(throttled, 1, 40);
        Assert.Equal(50 - throttled, statuses.Count(s => s == CommandStatus.Ok));
        var counters = Smsc.Counters;
        Assert.Equal((50, 50 - throttled, throttled), (counters.SubmitsReceived, counters.SubmitsAccepted, counters.SubmitsThrottled));
        Assert.Equal(50 - throttled, Smsc.AcceptedSubmits.Count);
        // The per-second counts (on the simulator's own clock) add up to the same totals, in seconds that have passed.
        var seconds = Smsc.SubmitsPerSecond;
        Assert.Equal((50L, 50L - throttled, (long)throttled), (seconds.Sum(s => s.Received), seconds.Sum(s => s.Accepted), seconds.Sum(s => s.Throttled)));
        Assert.All(seconds, s => Assert.InRange(s.Second, 0, Smsc.CurrentSecond));
    }

    [Fact]
    public async Task A_fail_fraction_of_one_refuses_every_submit_with_the_fail_status()
    {
        Smsc.Configure(o => o with { FailFraction = 1, FailStatus = CommandStatus.InvalidDestinationAddress });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 5; i++)
            Assert.Equal(CommandStatus.InvalidDestinationAddress, (await esme.RequestAsync<SubmitSmResp>(Submit())).Status);

        Assert.Equal(5, Smsc.Counters.SubmitsFailed);
        Assert.Empty(Smsc.AcceptedSubmits);
        // Refused submits get no receipt: the link has nothing more to say than the enquire_link_resp.
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
    }

    [Fact]
    public async Task A_fail_fraction_refuses_about_that_share()
    {
        Smsc.Configure(o => o with { FailFraction = 0.3 });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 400; i++)
            await esme.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        var failed = 0;
        for (var i = 0; i < 400; i++)
            failed += (await esme.ExpectAsync<SubmitSmResp>()).Status == CommandStatus.SubmitFailed ? 1 : 0;

        Assert.InRange(failed, 80, 160);
        Assert.Equal(failed, Smsc.Counters.SubmitsFailed);
    }

    [Fact]
    public async Task Silent_mode_swallows_submits_without_an_answer()
    {
        Smsc.Configure(o => o with { RespondToSubmits = false });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await esme.SendAsync(Submit());
        var enquire = await esme.RequestAsync<EnquireLinkResp>(new EnquireLink());

        // The enquire_link sent after the submit is answered first: the submit never will be.
        Assert.Equal(CommandStatus.Ok, enquire.Status);
        Assert.Equal(1, Smsc.Counters.SubmitsReceived);
        Assert.Empty(Smsc.AcceptedSubmits);
    }

    [Fact]
    public async Task The_link_is_dropped_after_the_configured_number_of_submits_and_nothing_more_is_answered()
    {
        Smsc.Configure(o => o with { DropLinkAfterSubmits = 3 });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 5; i++)
            await esme.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        for (var i = 0; i < 3; i++)
            Assert.Equal(CommandStatus.Ok, (await esme.ExpectAsync<SubmitSmResp>()).Status);

        await esme.Closed.WaitAsync(Limit);
        Assert.Equal(0, esme.Unread);
        Assert.Equal(3, Smsc.AcceptedSubmits.Count);
        Assert.Equal(3, Smsc.Counters.SubmitsAccepted);
        Assert.Equal(1, Smsc.Counters.LinksDropped);
    }

    [Fact]
    public async Task A_link_drop_happens_once_per_options_value()
    {
        Smsc.Configure(o => o with { DropLinkAfterSubmits = 2 });
        using (var dropped = await RawEsme.BoundAsync(Smsc.Port))
        {
            for (var i = 0; i < 3; i++)
                await dropped.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
            await dropped.Closed.WaitAsync(Limit);
        }

        using var next = await RawEsme.BoundAsync(Smsc.Port);
        for (var i = 0; i < 4; i++)
            Assert.Equal(CommandStatus.Ok, (await next.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None))).Status);
        Assert.Equal(1, Smsc.Counters.LinksDropped);

        // Configuring again arms it again.
        Smsc.Configure(o => o with { DropLinkAfterSubmits = 2 });
        using var third = await RawEsme.BoundAsync(Smsc.Port);
        for (var i = 0; i < 3; i++)
            await third.SendAsync(Submit(registeredDelivery: RegisteredDelivery.None));
        await third.Closed.WaitAsync(Limit);
        Assert.Equal(2, Smsc.Counters.LinksDropped);
    }

    [Fact]
    public async Task Submits_are_not_recorded_when_recording_is_off()
    {
        Smsc.Configure(o => o with { RecordSubmits = false });
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<SubmitSmResp>(Submit(registeredDelivery: RegisteredDelivery.None))).Status);

        Assert.Empty(Smsc.AcceptedSubmits);
        Assert.Equal(1, Smsc.Counters.SubmitsAccepted);
    }
}
