using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Tests.Esme;

/// <summary>
/// A bare SMSC over real TCP whose every move the test scripts: it accepts connections, hands the test each
/// decoded PDU, and sends exactly what it is told. Used where the simulator's good manners get in the way
/// (silence, garbage, unsolicited PDUs).
/// </summary>
internal sealed class ScriptedSmsc : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<Link> _links = Channel.CreateUnbounded<Link>();
    private readonly CancellationTokenSource _stop = new();

    public ScriptedSmsc()
    {
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<Link> NextLinkAsync() => await _links.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    private async Task AcceptLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
                _links.Writer.TryWrite(new Link(await _listener.AcceptTcpClientAsync(_stop.Token)));
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }

    internal sealed class Link : IDisposable
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly Channel<DecodeResult> _received = Channel.CreateUnbounded<DecodeResult>();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Link(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
            _ = ReadLoop();
        }

        /// <summary>Completes when the ESME closes the connection.</summary>
        public Task Closed => _closed.Task;

        public async Task<T> ExpectAsync<T>() where T : Pdu
        {
            var result = await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(result.IsSuccess, result.ToString());
            return Assert.IsType<T>(result.Pdu);
        }

        /// <summary>Reads PDUs until one of type T arrives, answering enquire_links on the way.</summary>
        public async Task<T> ExpectSkippingEnquireLinksAsync<T>() where T : Pdu
        {
            while (true)
            {
                var result = await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
                if (result.Pdu is EnquireLink enquire && typeof(T) != typeof(EnquireLink))
                {
                    await SendAsync(enquire.CreateResponse());
                    continue;
                }
                Assert.True(result.IsSuccess, result.ToString());
                return Assert.IsType<T>(result.Pdu);
            }
        }

        public async Task<BindTransceiver> AcceptBindAsync()
        {
            var bind = await ExpectAsync<BindTransceiver>();
            await SendAsync(new BindTransceiverResp { SequenceNumber = bind.SequenceNumber, SystemId = "SCRIPTED" });
            return bind;
        }

        public Task SendAsync(Pdu pdu) => SendRawAsync(PduCodec.Encode(pdu));

        public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        private async Task ReadLoop()
        {
            var header = new byte[4];
            try
            {
                while (true)
                {
                    await _stream.ReadExactlyAsync(header);
                    var length = BinaryPrimitives.ReadUInt32BigEndian(header);
                    var frame = new byte[length];
                    header.CopyTo(frame, 0);
                    await _stream.ReadExactlyAsync(frame.AsMemory(4));
                    _received.Writer.TryWrite(PduCodec.Decode(frame));
                }
            }
            catch (Exception) // end of stream or reset: the ESME went away
            {
                _closed.TrySetResult();
            }
        }

        public void Dispose() => _client.Dispose();
    }
}
