using Akka.IO;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Streams;

namespace Front.Actors.Smpp.Tests.Streams;

/// <summary>
/// Thousands of random and mutated PDUs per run (fixed seeds, so a failure reproduces): decoding never
/// throws, the stream never fails or hangs, and whatever decodes as a request re-encodes to the same octets.
/// </summary>
public class FuzzTests : TestKit
{
    private const int Iterations = 5_000;

    private static readonly Pdu[] Seeds =
    [
        new BindTransceiver { SequenceNumber = 1, SystemId = "front", Password = "secret", SystemType = "SMS" },
        new BindTransceiverResp { SequenceNumber = 1, SystemId = "SMSC" },
        new SubmitSm
        {
            SequenceNumber = 2, SourceAddr = "Front", DestAddrTon = 1, DestAddrNpi = 1, DestinationAddr = "4791234567",
            EsmClass = EsmClass.UdhIndicator, DataCoding = DataCoding.Ucs2, RegisteredDelivery = 1, ShortMessage = Hex.Bytes("050003010201 00E5"),
            OptionalParameters = OptionalParameters.Of(Tlv.FromUInt16(TlvTag.SarMsgRefNum, 1), Tlv.FromByte(TlvTag.SarTotalSegments, 2)),
        },
        new SubmitSmResp { SequenceNumber = 2, MessageId = "1a2b" },
        new DeliverSm
        {
            SequenceNumber = 3, SourceAddr = "4791234567", DestinationAddr = "Front", EsmClass = EsmClass.DeliveryReceipt,
            ShortMessage = "id:1a2b stat:DELIVRD"u8.ToArray(),
            OptionalParameters = OptionalParameters.Of(Tlv.FromCString(TlvTag.ReceiptedMessageId, "1a2b"), Tlv.FromByte(TlvTag.MessageState, 2)),
        },
        new DeliverSmResp { SequenceNumber = 3 },
        new EnquireLink { SequenceNumber = 4 },
        new GenericNack { SequenceNumber = 5, Status = CommandStatus.InvalidCommandId },
    ];

    [Fact]
    public void Random_frames_never_make_the_decoder_throw()
    {
        var random = new Random(20261122);
        for (var i = 0; i < Iterations; i++)
        {
            var frame = new byte[random.Next(16, 300)];
            random.NextBytes(frame);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
            if (i % 2 == 0) // half of them with a command id we know, so the body readers get exercised
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)Seeds[i % Seeds.Length].CommandId);

            AssertDecodesSafely(frame);
        }
    }

    [Fact]
    public void Mutated_valid_pdus_never_make_the_decoder_throw()
    {
        var random = new Random(34);
        for (var i = 0; i < Iterations; i++)
        {
            var frame = PduCodec.Encode(Seeds[i % Seeds.Length]);
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                // Keep command_length true so the body readers, not the length check, meet the damage.
                var at = random.Next(4, frame.Length);
                frame[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0,
                    _ => (byte)(frame[at] ^ (1 << random.Next(8))),
                };
            }
            if (random.Next(4) == 0)
            {
                // Cut the body short and say so in command_length.
                Array.Resize(ref frame, random.Next(16, frame.Length + 1));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
            }

            AssertDecodesSafely(frame);
        }
    }

    private static void AssertDecodesSafely(byte[] frame)
    {
        var result = PduCodec.Decode(frame); // must not throw
        if (result.IsSuccess && result.Pdu is RequestPdu)
            Assert.Equal(Hex.Of(frame), Hex.Of(PduCodec.Encode(result.Pdu)));
        if (!result.IsSuccess)
            Assert.NotNull(result.Failure.Answer);
    }

    [Fact]
    public async Task Random_byte_streams_never_fail_or_hang_the_decoder_stream()
    {
        var materializer = Sys.Materializer();
        var random = new Random(99);
        for (var run = 0; run < 200; run++)
        {
            var bytes = new byte[random.Next(0, 2_000)];
            random.NextBytes(bytes);
            // Often begin with a plausible length so that framing gets past the first header.
            if (bytes.Length >= 4 && run % 2 == 0)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)random.Next(16, 300));
            var chunks = bytes.Chunk(random.Next(1, 64)).Select(c => ByteString.FromBytes(c));

            var results = await Source.From(chunks).Via(SmppFlows.Decoder(4096))
                .RunWith(Sink.Seq<DecodeResult>(), materializer)
                .WaitAsync(TimeSpan.FromSeconds(10));

            // Only the last element may declare the link unusable.
            Assert.All(results.SkipLast(1), r => Assert.False(r.Failure?.LinkUnusable ?? false));
        }
    }

    [Fact]
    public async Task Mutated_pdu_streams_decode_every_intact_frame_around_the_damage()
    {
        var materializer = Sys.Materializer();
        var random = new Random(5);
        for (var run = 0; run < 500; run++)
        {
            var frames = Enumerable.Range(0, 20).Select(i => PduCodec.Encode(Seeds[random.Next(Seeds.Length)])).ToArray();
            var damaged = random.Next(frames.Length);
            var target = frames[damaged];
            target[random.Next(8, target.Length)] ^= 0xFF; // damage the id, status, sequence or body, not the length

            var results = await Source.From(frames.Select(f => ByteString.FromBytes(f))).Via(SmppFlows.Decoder())
                .RunWith(Sink.Seq<DecodeResult>(), materializer)
                .WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(frames.Length, results.Count);
            for (var i = 0; i < frames.Length; i++)
                if (i != damaged)
                    Assert.True(results[i].IsSuccess, $"run {run}, frame {i}: {results[i]}");
        }
    }
}
