using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.Smpp.Tests.Streams;

public class BatchFramingTests : TestKit
{
    private readonly IMaterializer _materializer;

    public BatchFramingTests() : base(TestConfig.Patient) => _materializer = Sys.Materializer();

    private static readonly Pdu[] Sample =
    [
        new EnquireLink { SequenceNumber = 1 },
        new SubmitSm { SequenceNumber = 2, SourceAddr = "Front", DestinationAddr = "4791234567", ShortMessage = "Hei på deg"u8.ToArray() },
        new SubmitSmResp { SequenceNumber = 2, MessageId = "abc" },
        new DeliverSm { SequenceNumber = 3, SourceAddr = "4791234567", DestinationAddr = "2401", ShortMessage = new byte[200] },
        new Unbind { SequenceNumber = 4 },
    ];

    private static byte[] AllBytes() => Sample.SelectMany(PduCodec.Encode).ToArray();

    private async Task<IReadOnlyList<IReadOnlyList<DecodeResult>>> Decode(IEnumerable<ByteString> chunks) =>
        (await Source.From(chunks).Via(SmppFlows.BatchDecoder()).RunWith(Sink.Seq<IReadOnlyList<DecodeResult>>(), _materializer)
            .WaitAsync(TimeSpan.FromSeconds(10))).ToList();

    private static void AssertSample(IEnumerable<DecodeResult> results)
    {
        var list = results.ToList();
        Assert.Equal(Sample.Length, list.Count);
        for (var i = 0; i < Sample.Length; i++)
        {
            Assert.True(list[i].IsSuccess, list[i].ToString());
            Assert.Equal(Hex.Of(PduCodec.Encode(Sample[i])), Hex.Of(PduCodec.Encode(list[i].Pdu!)));
        }
    }

    [Fact]
    public async Task Every_frame_of_one_chunk_comes_out_in_one_batch()
    {
        var batches = await Decode([ByteString.FromBytes(AllBytes())]);

        AssertSample(Assert.Single(batches));
    }

    [Fact]
    public async Task Frames_split_into_single_octets_come_out_whole_and_in_order()
    {
        var batches = await Decode(AllBytes().Select(b => ByteString.FromBytes([b])));

        Assert.All(batches, batch => Assert.NotEmpty(batch));
        AssertSample(batches.SelectMany(b => b));
    }

    [Fact]
    public async Task A_frame_cut_across_chunks_waits_for_its_end()
    {
        var bytes = AllBytes();
        var firstFrame = PduCodec.SizeOf(Sample[0]);
        // The first chunk ends three octets into the second frame.
        var batches = await Decode([ByteString.FromBytes(bytes, 0, firstFrame + 3), ByteString.FromBytes(bytes, firstFrame + 3, bytes.Length - firstFrame - 3)]);

        Assert.Equal(2, batches.Count);
        Assert.Single(batches[0]);
        AssertSample(batches.SelectMany(b => b));
    }

    [Fact]
    public async Task Command_length_under_16_ends_the_batch_with_a_link_unusable_failure_and_later_bytes_are_ignored()
    {
        var bytes = PduCodec.Encode(Sample[0]).Concat(Hex.Bytes("0000000F 00000015 00000000 000000")).ToArray();

        var batches = await Decode([ByteString.FromBytes(bytes), ByteString.FromBytes(PduCodec.Encode(Sample[1]))]);

        var results = Assert.Single(batches);
        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.True(results[1].Failure!.LinkUnusable);
    }
}
