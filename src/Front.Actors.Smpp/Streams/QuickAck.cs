using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka;
using Akka.IO;
using Akka.Streams.Dsl;

namespace Front.Actors.Smpp.Streams;

/// <summary>
/// Acknowledges every TCP read at once instead of letting Linux delay the ACK (up to 40 ms) in the hope of
/// piggybacking it on our next write. Why an SMPP server needs this: most ESMEs leave Nagle's algorithm on (node-smpp
/// does), so once one small segment is in flight they hold every further PDU until it is acknowledged. When that
/// segment holds nothing we answer (a deliver_sm_resp to one of our receipts), we write nothing, the ACK waits for the
/// delayed-ACK timer, and the ESME's next submit_sm waits with it: a pipelining client then stalls for tens of
/// milliseconds at a time (tests/interop-node/bench.sh, node-smpp client, window 100: about 9,000 submits/s with the
/// stalls, 17,000 to 19,000 without). Setting TCP_QUICKACK after each read sends the pending ACK now; Linux clears the
/// flag by itself, hence once per read (one setsockopt, a few microseconds).
/// <para>
/// Use, on the server side: pass the instance in the listener's socket options, so it sees each accepted socket (kept
/// by peer address, which is unique among one listener's connections), and put <see cref="AckEachRead"/> on that
/// connection's incoming bytes. Elsewhere than on Linux it does nothing, and the stalls remain possible there.
/// </para>
/// </summary>
public sealed class QuickAck : Inet.SocketOption
{
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] On = BitConverter.GetBytes(1);

    // Accepted sockets by peer address, from accept until their connection's first read (or its end) takes them.
    private readonly ConcurrentDictionary<EndPoint, Socket> _accepted = new();

    public override void AfterConnect(Socket s)
    {
        if (OperatingSystem.IsLinux() && s.RemoteEndPoint is { } peer)
            _accepted[peer] = s;
    }

    /// <summary>Passes bytes through, acknowledging each chunk read from <paramref name="peer"/>'s socket as it goes.</summary>
    public Flow<ByteString, ByteString, NotUsed> AckEachRead(EndPoint peer)
    {
        if (!OperatingSystem.IsLinux())
            return Flow.Create<ByteString>();
        Socket? socket = null;
        var found = false;
        return Flow.Create<ByteString>()
            .Select(chunk =>
            {
                if (!found)
                {
                    found = true;
                    _accepted.TryRemove(peer, out socket);
                }
                if (socket is not null)
                    Acknowledge(socket);
                return chunk;
            })
            .WatchTermination((_, done) =>
            {
                done.ContinueWith(_ => _accepted.TryRemove(peer, out var _), TaskScheduler.Default);
                return NotUsed.Instance;
            });
    }

    /// <summary>
    /// The same for one outgoing connection (an ESME's bind): pass <c>Option</c> when connecting and put
    /// <c>AckEachRead</c> on the incoming bytes. The client side needs it as much: node-smpp's server leaves Nagle on,
    /// so with our window full (nothing of ours to write, so our ACK waits for the timer) its next answers waited too;
    /// one bind to it drained about 4,500 parts/s whatever the window.
    /// </summary>
    public static (Inet.SocketOption Option, Flow<ByteString, ByteString, NotUsed> AckEachRead) ForOutgoing()
    {
        var option = new OutgoingSocket();
        if (!OperatingSystem.IsLinux())
            return (option, Flow.Create<ByteString>());
        return (option, Flow.Create<ByteString>().Select(chunk =>
        {
            if (option.Socket is { } socket)
                Acknowledge(socket);
            return chunk;
        }));
    }

    /// <summary>Keeps the one socket it was connected on.</summary>
    private sealed class OutgoingSocket : Inet.SocketOption
    {
        public volatile Socket? Socket;

        public override void AfterConnect(Socket s) => Socket = s;
    }

    private static void Acknowledge(Socket socket)
    {
        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, On);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection is closing; there is nothing left to acknowledge.
        }
    }
}
