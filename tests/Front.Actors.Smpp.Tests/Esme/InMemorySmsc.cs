using System.Threading.Channels;
using Akka.Actor;
using Akka.IO;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.Smpp.Tests.Esme;

/// <summary>
/// An SMSC the test scripts, reached through <see cref="EsmeTransport"/> instead of a socket: each connection
/// attempt of the session becomes a <see cref="Link"/> the test reads decoded PDUs from and writes PDUs to.
/// </summary>
internal sealed class InMemorySmsc
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly Channel<Link> _links = Channel.CreateUnbounded<Link>();

    public int Attempts { get; private set; }

    /// <summary>Opens a link; <paramref name="refuse"/> makes this attempt fail as a refused TCP connect would.</summary>
    public EsmeTransport Transport(Func<int, bool>? refuse = null) => (_, _) =>
    {
        var attempt = ++Attempts;
        if (refuse?.Invoke(attempt) == true)
        {
            var cause = new IOException($"connection attempt {attempt} refused");
            return Flow.FromSinkAndSource(Sink.Ignore<ByteString>(), Source.Failed<ByteString>(cause), Keep.Right)
                .MapMaterializedValue(_ => Task.FromException(cause));
        }
        var link = new Link();
        _links.Writer.TryWrite(link);
        var fromSession = Flow.Create<ByteString>().Via(SmppFlows.Decoder())
            .ToMaterialized(Sink.ForEach<DecodeResult>(r => link.Received.Writer.TryWrite(r)), Keep.Right);
        return Flow.FromSinkAndSource(fromSession, ChannelSource.FromReader(link.ToSession.Reader), Keep.Left)
            .MapMaterializedValue(done =>
            {
                done.ContinueWith(_ => link.Received.Writer.TryComplete(), TaskScheduler.Default);
                return Task.CompletedTask;
            });
    };

    public async Task<Link> NextLinkAsync() => await _links.Reader.ReadAsync().AsTask().WaitAsync(Limit);

    internal sealed class Link
    {
        public Channel<DecodeResult> Received { get; } = Channel.CreateUnbounded<DecodeResult>();
        public Channel<ByteString> ToSession { get; } = Channel.CreateUnbounded<ByteString>();

        public async Task<T> ExpectAsync<T>() where T : Pdu
        {
            var result = await Received.Reader.ReadAsync().AsTask().WaitAsync(Limit);
            Assert.True(result.IsSuccess, result.ToString());
            return Assert.IsType<T>(result.Pdu);
        }

        public void Send(Pdu pdu) => ToSession.Writer.TryWrite(ByteString.FromBytes(PduCodec.Encode(pdu)));

        /// <summary>Ends the link from the SMSC's side, as a closed connection would.</summary>
        public void Close() => ToSession.Writer.TryComplete();
    }
}
