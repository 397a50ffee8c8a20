using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.SmscSimulator.Tests;

/// <summary>
/// A bare SMPP client over TcpClient and the codec, so the simulator is tested on its own, not through the
/// ESME session it is meant to exercise.
/// </summary>
internal sealed class RawEsme : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TcpClient _client = new();
    private readonly Channel<DecodeResult> _received = Channel.CreateUnbounded<DecodeResult>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NetworkStream _stream = null!;
    private uint _sequence;

    public static async Task<RawEsme> ConnectAsync(int port)
    {
        var esme = new RawEsme();
        await esme._client.ConnectAsync("127.0.0.1", port);
        esme._stream = esme._client.GetStream();
        _ = esme.ReadLoop();
        return esme;
    }

    public static async Task<RawEsme> BoundAsync(int port, string systemId = "front", string password = "secret")
    {
        var esme = await ConnectAsync(port);
        var response = await esme.RequestAsync<BindTransceiverResp>(new BindTransceiver { SystemId = systemId, Password = password });
        Assert.Equal(CommandStatus.Ok, response.Status);
        return esme;
    }

    public Task Closed => _closed.Task;

    public uint NextSequence() => ++_sequence;

    public async Task<uint> SendAsync(Pdu pdu)
    {
        var sequence = pdu.SequenceNumber == 0 && pdu is RequestPdu ? NextSequence() : pdu.SequenceNumber;
        await SendRawAsync(PduCodec.Encode(pdu with { SequenceNumber = sequence }));
        return sequence;
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task<T> RequestAsync<T>(RequestPdu request) where T : Pdu
    {
        var sequence = await SendAsync(request);
        var response = await ExpectAsync<T>();
        Assert.Equal(sequence, response.SequenceNumber);
        return response;
    }

    public async Task<T> ExpectAsync<T>() where T : Pdu => Assert.IsType<T>(await NextAsync());

    /// <summary>The next PDU the simulator sent, whatever its type.</summary>
    public async Task<Pdu> NextAsync()
    {
        var result = await _received.Reader.ReadAsync().AsTask().WaitAsync(Limit);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Pdu;
    }

    /// <summary>PDUs received and not yet taken; once <see cref="Closed"/> completes, everything sent has been counted.</summary>
    public int Unread => _received.Reader.Count;

    private async Task ReadLoop()
    {
        var header = new byte[4];
        try
        {
            while (true)
            {
                await _stream.ReadExactlyAsync(header);
                var frame = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
                header.CopyTo(frame, 0);
                await _stream.ReadExactlyAsync(frame.AsMemory(4));
                _received.Writer.TryWrite(PduCodec.Decode(frame));
            }
        }
        catch (Exception)
        {
            _closed.TrySetResult();
        }
    }

    public void Dispose() => _client.Dispose();
}
