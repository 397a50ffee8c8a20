using Akka;
using Akka.IO;
using Akka.Streams.Dsl;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Streams;

/// <summary>Akka.Streams stages between TCP bytes and SMPP PDUs.</summary>
public static class SmppFlows
{
    /// <summary>
    /// Cuts the byte stream into frames by command_length (4 octets, big-endian, counting itself) and decodes
    /// each one. Bad PDUs become failed <see cref="DecodeResult"/>s and the stream goes on; a command_length
    /// under 16 or over <paramref name="maxPduSize"/> yields one last failure marked
    /// <see cref="DecodeFailure.LinkUnusable"/>, after which input is discarded, because no later frame
    /// boundary can be trusted. The stream is never failed, so the answer can still be written.
    /// </summary>
    public static Flow<ByteString, DecodeResult, NotUsed> Decoder(int maxPduSize = PduCodec.DefaultMaxPduSize) =>
        Flow.FromGraph(new SmppFramingStage<DecodeResult>(maxPduSize, (FrameCutter cutter, out DecodeResult result) => cutter.TryNext(out result)));

    /// <summary>
    /// The same as <see cref="Decoder"/>, but emits every whole frame available at once as one list (at least one
    /// element): for a consumer behind an asynchronous boundary, such as an actor fed by <c>Sink.ActorRef</c>,
    /// that should get one message per read rather than one per PDU.
    /// </summary>
    public static Flow<ByteString, IReadOnlyList<DecodeResult>, NotUsed> BatchDecoder(int maxPduSize = PduCodec.DefaultMaxPduSize) =>
        Flow.FromGraph(new SmppFramingStage<IReadOnlyList<DecodeResult>>(maxPduSize, TakeAll));

    private static bool TakeAll(FrameCutter cutter, out IReadOnlyList<DecodeResult> batch)
    {
        List<DecodeResult>? all = null;
        while (cutter.TryNext(out var result))
            (all ??= new List<DecodeResult>(4)).Add(result);
        batch = all!;
        return all is not null;
    }

    /// <summary>Encodes each PDU to one frame.</summary>
    public static Flow<Pdu, ByteString, NotUsed> Encoder() =>
        Flow.Create<Pdu>().Select(pdu => ByteString.FromBytes(PduCodec.Encode(pdu)));

    /// <summary>
    /// Coalesces frames waiting for the socket into one write, so a full window leaves in a few TCP
    /// segments instead of one syscall per PDU.
    /// </summary>
    public static Flow<ByteString, ByteString, NotUsed> CoalesceWrites(int maxBytes = 64 * 1024) =>
        Flow.Create<ByteString>().BatchWeighted(maxBytes, b => b.Count, b => b, (acc, b) => acc.Concat(b));
}
