using System.Net;
using Akka.Actor;
using Akka.IO;
using Akka.Streams.Dsl;

namespace Front.Actors.Smpp.Esme;

/// <summary>
/// How an ESME session reaches its SMSC, called once per connection attempt: a flow from the bytes the session writes
/// to the bytes the SMSC sends back, whose materialized task completes once the link is up and fails if it cannot be
/// opened. <see cref="EsmeTransports.Tcp"/> is the real one; tests can put an SMSC in memory here.
/// </summary>
public delegate Flow<ByteString, ByteString, Task> EsmeTransport(ActorSystem system, EsmeSettings settings);

public static class EsmeTransports
{
    /// <summary>TCP to <see cref="EsmeSettings.Host"/>:<see cref="EsmeSettings.Port"/> within <see cref="EsmeSettings.ConnectTimeout"/>.</summary>
    public static readonly EsmeTransport Tcp = static (system, settings) =>
    {
        EndPoint endpoint = IPAddress.TryParse(settings.Host, out var ip)
            ? new IPEndPoint(ip, settings.Port)
            : new DnsEndPoint(settings.Host, settings.Port);
        var (quickAck, ackEachRead) = Streams.QuickAck.ForOutgoing();
        return system.TcpStream().OutgoingConnection(endpoint, options: [quickAck], connectionTimeout: settings.ConnectTimeout)
            .Via(ackEachRead)
            .MapMaterializedValue(Task (connection) => connection);
    };
}
