using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.Smpp.Tests.Streams;

public class FramingTests : TestKit
{
    private readonly IMaterializer _materializer;

    public FramingTests() : base(TestConfig.Patient) => _materializer = Sys.Materializer();

    private static readonly Pdu[] Sample =
    [
        new EnquireLink { SequenceNumber = 1 },
        new SubmitSm { SequenceNumber = 2, SourceAddr = "Front", DestinationAddr = "4791234567", ShortMessage = "Hei på deg"u8.ToArray() },
        new SubmitSmResp { SequenceNumber = 2, MessageId = "abc" },
        new DeliverSm { SequenceNumber = 3, SourceAddr = "4791234567", DestinationAddr = "2401", ShortMessage = new byte[200] },
        new Unbind { SequenceNumber = 4 },
    ];

    private static byte[] AllBytes() => Sample.SelectMany(PduCodec.Encode).ToArray();

    private async Task<IReadOnlyList<DecodeResult>> Decode(IEnumerable<ByteString> chunks) =>
        (await Source.From(chunks).Via(SmppFlows.Decoder()).RunWith(Sink.Seq<DecodeResult>(), _materializer)
            .WaitAsync(TimeSpan.FromSeconds(10))).ToList();

    private static void AssertSample(IReadOnlyList<DecodeResult> results)
    {
        Assert.Equal(Sample.Length, results.Count);
        for (var i = 0; i < Sample.Length; i++)
        {
            Assert.True(results[i].IsSuccess, results[i].ToString());
            Assert.Equal(Hex.Of(PduCodec.Encode(Sample[i])), Hex.Of(PduCodec.Encode(results[i].Pdu!)));
        }
    }

    [Fact]
    public async Task Frames_split_into_single_octets_are_reassembled()
    {
        AssertSample(await Decode(AllBytes().Select(b => ByteString.FromBytes([b]))));
    }

    [Fact]
    public async Task Frames_coalesced_into_one_chunk_are_cut_apart()
    {
        AssertSample(await Decode([ByteString.FromBytes(AllBytes())]));
    }

    [Fact]
    public async Task Frames_split_at_random_points_are_reassembled()
    {
        var bytes = AllBytes();
        var random = new Random(7);
        var chunks = new List<ByteString>();
        for (var at = 0; at < bytes.Length;)
        {
            var size = Math.Min(random.Next(1, 40), bytes.Length - at);
            chunks.Add(ByteString.FromBytes(bytes, at, size));
            at += size;
        }
        AssertSample(await Decode(chunks));
    }

    [Fact]
    public async Task Unknown_command_between_good_frames_is_refused_and_the_stream_goes_on()
    {
        var unknown = Hex.Bytes("00000010 00000099 00000000 00000005");
        var bytes = PduCodec.Encode(Sample[0]).Concat(unknown).Concat(PduCodec.Encode(Sample[1])).ToArray();

        var results = await Decode([ByteString.FromBytes(bytes)]);

        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.Equal(CommandStatus.InvalidCommandId, results[1].Failure!.Status);
        Assert.True(results[2].IsSuccess);
    }

    [Fact]
    public async Task Command_length_under_16_ends_the_stream_with_a_link_unusable_failure()
    {
        var bytes = PduCodec.Encode(Sample[0]).Concat(Hex.Bytes("0000000F 00000015 00000000 000000")).ToArray();

        var results = await Decode([ByteString.FromBytes(bytes)]);

        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.True(results[1].Failure!.LinkUnusable);
        Assert.Equal(CommandStatus.InvalidCommandLength, results[1].Failure!.Status);
        Assert.IsType<GenericNack>(results[1].Failure!.Answer);
    }

    [Fact]
    public async Task Command_length_over_the_maximum_ends_the_stream_with_a_link_unusable_failure()
    {
        var results = await Decode([ByteString.FromBytes(Hex.Bytes("7FFFFFFF 00000004 00000000 00000001"))]);

        Assert.True(Assert.Single(results).Failure!.LinkUnusable);
    }

    [Fact]
    public async Task Encoder_writes_one_frame_per_pdu()
    {
        var frames = await Source.From(Sample).Via(SmppFlows.Encoder()).RunWith(Sink.Seq<ByteString>(), _materializer);

        Assert.Equal(Sample.Select(p => Hex.Of(PduCodec.Encode(p))), frames.Select(f => Hex.Of(f.ToArray())));
    }

    [Fact]
    public async Task A_lone_short_command_length_ends_the_stream_with_a_link_unusable_failure()
    {
        var results = await Decode([ByteString.FromBytes(Hex.Bytes("00000008 00000015"))]);

        Assert.True(Assert.Single(results).Failure!.LinkUnusable);
    }
}
