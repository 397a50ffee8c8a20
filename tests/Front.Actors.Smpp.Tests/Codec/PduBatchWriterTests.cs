using Front.Actors.Smpp.Codec;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Smpp.Tests.Codec;

public class PduBatchWriterTests
{
    [Fact]
    public void Frames_added_come_out_back_to_back_as_each_would_encode_alone()
    {
        Pdu[] pdus =
        [
            new SubmitSmResp { SequenceNumber = 7, MessageId = "1a2b" },
            new DeliverSm { SequenceNumber = 1, SourceAddr = "4791234567", DestinationAddr = "Front", ShortMessage = new byte[200] },
            new EnquireLinkResp { SequenceNumber = 9 },
        ];
        // Starts smaller than one frame, so the buffer has to grow.
        var batch = new PduBatchWriter(initialCapacity: 16);

        foreach (var pdu in pdus)
            batch.Add(pdu);

        Assert.Equal(Hex.Of(pdus.SelectMany(PduCodec.Encode).ToArray()), Hex.Of(batch.Take().ToArray()));
        Assert.True(batch.IsEmpty);
    }

    [Fact]
    public void Take_starts_a_new_batch()
    {
        var batch = new PduBatchWriter();
        batch.Add(new EnquireLink { SequenceNumber = 1 });
        var first = batch.Take();

        batch.Add(new EnquireLink { SequenceNumber = 2 });

        Assert.Equal(Hex.Of(PduCodec.Encode(new EnquireLink { SequenceNumber = 1 })), Hex.Of(first.ToArray()));
        Assert.Equal(Hex.Of(PduCodec.Encode(new EnquireLink { SequenceNumber = 2 })), Hex.Of(batch.Take().ToArray()));
    }

    [Fact]
    public void A_pdu_that_cannot_be_encoded_leaves_the_batch_as_it_was()
    {
        var batch = new PduBatchWriter();
        batch.Add(new EnquireLink { SequenceNumber = 1 });

        Assert.Throws<ArgumentException>(() => batch.Add(new SubmitSmResp { SequenceNumber = 2, MessageId = new string('x', 65) }));

        Assert.Equal(Pdu.HeaderSize, batch.Length);
    }
}
