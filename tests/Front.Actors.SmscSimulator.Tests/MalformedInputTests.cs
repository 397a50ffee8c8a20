using System.Buffers.Binary;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>What the simulator answers to bytes that are not a PDU it can take.</summary>
public class MalformedInputTests : SimulatorTestBase
{
    [Fact]
    public async Task Unknown_command_is_answered_with_generic_nack_and_the_link_survives()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await esme.SendRawAsync(Convert.FromHexString("00000010000000990000000000000042"));
        var nack = await esme.ExpectAsync<GenericNack>();

        Assert.Equal((0x42u, CommandStatus.InvalidCommandId), (nack.SequenceNumber, nack.Status));
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<EnquireLinkResp>(new EnquireLink())).Status);
        Assert.Equal(1, Smsc.Counters.GenericNacksSent);
    }

    [Fact]
    public async Task A_known_request_with_a_bad_body_gets_its_own_response_with_the_error_and_the_link_survives()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        // A submit_sm whose source_addr runs past its 21 octets.
        var valid = PduCodec.Encode(SimulatorTestSupport.Submit() with { SequenceNumber = 7 });
        var at = valid.AsSpan().IndexOf("Front\0"u8);
        byte[] bad = [.. valid[..at], .. Enumerable.Repeat((byte)'4', 30), .. valid[(at + 5)..]];
        BinaryPrimitives.WriteUInt32BigEndian(bad, (uint)bad.Length);
        await esme.SendRawAsync(bad);
        var response = await esme.ExpectAsync<SubmitSmResp>();

        Assert.Equal((7u, CommandStatus.InvalidSourceAddress), (response.SequenceNumber, response.Status));
        Assert.Equal(CommandStatus.Ok, (await esme.RequestAsync<SubmitSmResp>(SimulatorTestSupport.Submit())).Status);
    }

    [Fact]
    public async Task Command_length_under_16_is_answered_and_the_link_closed()
    {
        using var esme = await RawEsme.BoundAsync(Smsc.Port);

        await esme.SendRawAsync(Convert.FromHexString("0000000A00000015000000000000"));

        Assert.Equal(CommandStatus.InvalidCommandLength, (await esme.ExpectAsync<GenericNack>()).Status);
        await esme.Closed.WaitAsync(Limit);
        await AwaitAssertAsync(() => Assert.Equal(0, Smsc.Counters.ActiveSessions), Limit);
    }

    [Fact]
    public async Task Garbage_before_bind_is_answered_and_the_link_closed()
    {
        using var esme = await RawEsme.ConnectAsync(Smsc.Port);

        await esme.SendRawAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());

        Assert.Equal(CommandStatus.InvalidCommandLength, (await esme.ExpectAsync<GenericNack>()).Status);
        await esme.Closed.WaitAsync(Limit);
    }
}
