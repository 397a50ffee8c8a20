using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Tests.Receipts;

public class DeliveryReceiptParserTests
{
    [Fact]
    public void The_appendix_b_example_is_read_field_by_field()
    {
        Assert.True(DeliveryReceiptParser.TryParse(
            "id:0123456789 sub:001 dlvrd:001 submit date:0610191018 done date:0610191018 stat:DELIVRD err:000 text:Hello world", out var r));

        Assert.Equal("0123456789", r.Id);
        Assert.Equal(1, r.Submitted);
        Assert.Equal(1, r.Delivered);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.DoneDate);
        Assert.Equal("DELIVRD", r.Stat);
        Assert.Equal(MessageState.Delivered, r.State);
        Assert.Equal("000", r.Error);
        Assert.Equal("Hello world", r.Text);
    }

    [Fact]
    public void Upper_case_keys_extra_spaces_and_seconds_are_accepted()
    {
        Assert.True(DeliveryReceiptParser.TryParse(
            "ID:6699  SUB:001 DLVRD:000 SUBMIT DATE:261122101530  DONE  DATE:261122101545 STAT:undeliv ERR:034 Text:x: y", out var r));

        Assert.Equal("6699", r.Id);
        Assert.Equal(MessageState.Undeliverable, r.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 45, TimeSpan.Zero), r.DoneDate);
        Assert.Equal("034", r.Error);
        Assert.Equal("x: y", r.Text);
    }

    [Fact]
    public void Missing_optional_fields_are_left_empty()
    {
        Assert.True(DeliveryReceiptParser.TryParse("id:abc stat:EXPIRED", out var r));

        Assert.Equal(MessageState.Expired, r.State);
        Assert.Null(r.Submitted);
        Assert.Null(r.DoneDate);
        Assert.Null(r.Text);
    }

    [Theory]
    [InlineData("Hei, er du der?")]
    [InlineData("id:123 sub:001")]
    [InlineData("stat:DELIVRD")]
    [InlineData("")]
    public void Text_that_is_not_a_receipt_is_refused(string text)
    {
        Assert.False(DeliveryReceiptParser.TryParse(text, out _));
    }

    [Fact]
    public void Receipt_tlvs_win_over_the_text()
    {
        var pdu = new DeliverSm
        {
            EsmClass = EsmClass.DeliveryReceipt,
            ShortMessage = "id:6699 sub:001 dlvrd:001 submit date:2611221015 done date:2611221016 stat:DELIVRD err:000 text:"u8.ToArray(),
            OptionalParameters = OptionalParameters.Of(Tlv.FromCString(TlvTag.ReceiptedMessageId, "1a2b"), Tlv.FromByte(TlvTag.MessageState, 5)),
        };

        var receipt = DeliveryReceiptReader.Read(pdu)!;

        Assert.Equal("6699", receipt.Id);
        Assert.Equal("1a2b", receipt.ReceiptedMessageId);
        Assert.Equal(MessageState.Undeliverable, receipt.State);
        Assert.Equal("UNDELIV", receipt.Stat);
    }

    [Fact]
    public void A_receipt_with_only_tlvs_is_still_read()
    {
        var pdu = new DeliverSm
        {
            EsmClass = EsmClass.DeliveryReceipt,
            OptionalParameters = OptionalParameters.Of(
                Tlv.FromCString(TlvTag.ReceiptedMessageId, "77"), Tlv.FromByte(TlvTag.MessageState, 3), new Tlv(TlvTag.NetworkErrorCode, Hex.Bytes("03 0022"))),
        };

        var receipt = DeliveryReceiptReader.Read(pdu)!;

        Assert.Equal(("77", MessageState.Expired, "3:34"), (receipt.Id, receipt.State, receipt.Error));
    }
}
