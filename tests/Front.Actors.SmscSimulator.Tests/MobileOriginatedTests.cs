using Front.Actors.Domain.Text;
using Front.Actors.Smpp.Protocol;
using DataCoding = Front.Actors.Smpp.Protocol.DataCoding;
using static Front.Actors.SmscSimulator.Tests.SimulatorTestSupport;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>Mobile-originated messages injected into bound receivers.</summary>
public class MobileOriginatedTests : SimulatorTestBase
{
    [Fact]
    public async Task A_short_mobile_originated_message_arrives_as_one_deliver_sm()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        Assert.Equal(1, await Smsc.InjectMobileOriginatedAsync("+4791234567", "2401", "STOPP"));
        var mo = await esme.ExpectAsync<DeliverSm>();
        await esme.SendAsync(mo.CreateResponse());

        Assert.False(mo.IsReceipt);
        Assert.Equal(0, mo.EsmClass);
        Assert.Equal(("4791234567", 1), (mo.SourceAddr, (int)mo.SourceAddrTon));
        Assert.Equal("2401", mo.DestinationAddr);
        Assert.Equal("STOPP", TextOf(mo));
        await AwaitAssertAsync(() => Assert.Equal((1, 1), (Smsc.Counters.MobileOriginatedSent, Smsc.Counters.DeliverSmRespReceived)), Limit);
    }

    [Fact]
    public async Task Text_outside_the_gsm_alphabet_arrives_as_ucs2()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await Smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei 😀");
        var mo = await esme.ExpectAsync<DeliverSm>();

        Assert.Equal(DataCoding.Ucs2, mo.DataCoding);
        Assert.Equal("Hei 😀", TextOf(mo));
    }

    [Fact]
    public async Task A_long_mobile_originated_message_arrives_in_concatenated_parts_in_order()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);
        var text = string.Concat(Enumerable.Repeat("Blåbærsyltetøy ", 14));

        Assert.Equal(2, await Smsc.InjectMobileOriginatedAsync("4791234567", "2401", text));
        var parts = new[] { await esme.ExpectAsync<DeliverSm>(), await esme.ExpectAsync<DeliverSm>() };

        var bodies = parts.Select(p =>
        {
            Assert.True(EsmClass.HasUdh(p.EsmClass));
            Assert.True(UserDataHeader.TryParse(p.ShortMessage.Span, out var headerLength, out var concat));
            Assert.Equal(2, concat!.Value.Total);
            return (concat.Value.Sequence, Text: SmsText.Decode(p.ShortMessage.Span[headerLength..], p.DataCoding));
        }).ToList();
        Assert.Equal([1, 2], bodies.Select(b => (int)b.Sequence));
        Assert.Equal(text, string.Concat(bodies.Select(b => b.Text)));
    }

    [Fact]
    public async Task Injecting_with_no_receiver_bound_is_refused()
    {
        using var transmitter = await RawEsme.ConnectAsync(Smsc.Port);
        await transmitter.RequestAsync<BindTransmitterResp>(new BindTransmitter { SystemId = "front", Password = "secret" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => Smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei"));
    }

    [Fact]
    public async Task Mobile_originated_messages_take_turns_across_bound_receivers()
    {
        using var one = await RawEsme.BoundAsync(Smsc.Port);
        using var two = await RawEsme.BoundAsync(Smsc.Port);

        for (var i = 0; i < 4; i++)
            await Smsc.InjectMobileOriginatedAsync("4791234567", "2401", $"melding {i}");

        var received = new[] { await one.ExpectAsync<DeliverSm>(), await one.ExpectAsync<DeliverSm>(), await two.ExpectAsync<DeliverSm>(), await two.ExpectAsync<DeliverSm>() };
        Assert.Equal(4, received.Select(TextOf).Distinct().Count());
    }

    [Fact]
    public async Task A_bind_whose_address_range_covers_the_destination_gets_the_message()
    {
        using var other = await RawEsme.BoundAsync(Smsc.Port);
        using var shortNumber = await RawEsme.ConnectAsync(Smsc.Port);
        await shortNumber.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = "front", Password = "secret", AddressRange = "^2401$" });

        for (var i = 0; i < 3; i++)
            await Smsc.InjectMobileOriginatedAsync("4791234567", "2401", $"melding {i}");

        for (var i = 0; i < 3; i++)
            Assert.Equal($"melding {i}", TextOf(await shortNumber.ExpectAsync<DeliverSm>()));
        Assert.Equal(0, other.Unread);
    }

    [Fact]
    public async Task A_message_left_unanswered_on_a_closed_link_goes_to_the_next_receiver()
    {
        using (var first = await RawEsme.BoundAsync(Smsc.Port))
        {
            await Smsc.InjectMobileOriginatedAsync("4791234567", "2401", "Hei igjen");
            await first.ExpectAsync<DeliverSm>();
        }
        await AwaitAssertAsync(() => Assert.Equal(0, Smsc.Counters.ActiveSessions), Limit);

        using var second = await RawEsme.BoundAsync(Smsc.Port);

        Assert.Equal("Hei igjen", TextOf(await second.ExpectAsync<DeliverSm>()));
    }
}
