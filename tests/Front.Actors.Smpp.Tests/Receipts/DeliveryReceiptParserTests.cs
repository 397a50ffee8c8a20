using Front.Actors.Smpp.Protocol;
using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Tests.Receipts;

public class DeliveryReceiptParserTests
{
    private const string AppendixB =
        "id:0123456789 sub:001 dlvrd:001 submit date:0610191018 done date:0610191018 stat:DELIVRD err:000 text:Hello world";

    private static DeliveryReceipt Parse(string text)
    {
        Assert.True(DeliveryReceiptParser.TryParse(text, out var receipt));
        return receipt;
    }

    [Fact]
    public void The_appendix_b_example_is_read_field_by_field()
    {
        var r = Parse(AppendixB);

        Assert.Equal("0123456789", r.Id);
        Assert.Equal(1, r.Submitted);
        Assert.Equal(1, r.Delivered);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.DoneDate);
        Assert.Equal("DELIVRD", r.Stat);
        Assert.Equal(MessageState.Delivered, r.State);
        Assert.Equal("000", r.Error);
        Assert.Equal("Hello world", r.Text);
        Assert.Null(r.ReceiptedMessageId);
    }

    [Fact]
    public void Upper_case_keys_read_the_same_as_lower_case()
    {
        Assert.Equal(Parse(AppendixB), Parse(AppendixB.ToUpperInvariant()) with { Text = "Hello world" });
    }

    [Fact]
    public void Upper_case_keys_extra_spaces_and_seconds_are_accepted()
    {
        var r = Parse("ID:6699  SUB:001 DLVRD:000 SUBMIT DATE:261122101530  DONE  DATE:261122101545 STAT:undeliv ERR:034 Text:x: y");

        Assert.Equal("6699", r.Id);
        Assert.Equal(0, r.Delivered);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 30, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 15, 45, TimeSpan.Zero), r.DoneDate);
        Assert.Equal(MessageState.Undeliverable, r.State);
        Assert.Equal("034", r.Error);
        Assert.Equal("x: y", r.Text);
    }

    [Fact]
    public void The_stat_word_is_kept_as_written_and_its_meaning_read_in_any_case()
    {
        var r = Parse("id:1 stat:Delivrd");

        Assert.Equal("Delivrd", r.Stat);
        Assert.Equal(MessageState.Delivered, r.State);
    }

    [Fact]
    public void Spaces_around_colons_tabs_and_line_breaks_are_tolerated()
    {
        var r = Parse("id : 42\tsub: 001\r\ndlvrd :001  submit date : 0610191018 done date: 0610191018\nstat :  EXPIRED  err: 001");

        Assert.Equal("42", r.Id);
        Assert.Equal(1, r.Submitted);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal("EXPIRED", r.Stat);
        Assert.Equal("001", r.Error);
    }

    [Fact]
    public void Underscored_and_run_together_date_keys_are_read()
    {
        var r = Parse("id:1 submit_date:0610191018 donedate:0610191019 stat:DELIVRD");

        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 18, 0, TimeSpan.Zero), r.SubmitDate);
        Assert.Equal(new DateTimeOffset(2006, 10, 19, 10, 19, 0, TimeSpan.Zero), r.DoneDate);
    }

    [Fact]
    public void Text_is_last_and_keeps_colons_and_key_like_words()
    {
        var r = Parse("id:7 sub:001 dlvrd:001 submit date:0610191018 done date:0610191018 stat:DELIVRD err:000 text:Kl. 10:30 stat:ok id:9");

        Assert.Equal("7", r.Id);
        Assert.Equal("DELIVRD", r.Stat);
        Assert.Equal("Kl. 10:30 stat:ok id:9", r.Text);
    }

    [Fact]
    public void An_empty_text_field_is_empty_not_missing()
    {
        Assert.Equal("", Parse("id:7 stat:DELIVRD err:000 text:").Text);
    }

    [Fact]
    public void Missing_text_is_null()
    {
        var r = Parse("id:0123456789 sub:001 dlvrd:001 submit date:0610191018 done date:0610191018 stat:DELIVRD err:000");

        Assert.Null(r.Text);
        Assert.Equal("000", r.Error);
    }

    [Fact]
    public void Missing_optional_fields_are_left_empty()
    {
        var r = Parse("id:abc stat:EXPIRED");

        Assert.Equal(MessageState.Expired, r.State);
        Assert.Null(r.Submitted);
        Assert.Null(r.Delivered);
        Assert.Null(r.SubmitDate);
        Assert.Null(r.DoneDate);
        Assert.Null(r.Error);
        Assert.Null(r.Text);
    }

    [Fact]
    public void Unreadable_numbers_and_dates_are_left_empty_without_refusing_the_receipt()
    {
        var r = Parse("id:1 sub:n/a dlvrd:-1 submit date:19/10/2006 done date:0613991018 stat:DELIVRD");

        Assert.Null(r.Submitted);
        Assert.Null(r.Delivered);
        Assert.Null(r.SubmitDate);
        Assert.Null(r.DoneDate);
        Assert.Equal(MessageState.Delivered, r.State);
    }

    [Fact]
    public void The_first_of_a_repeated_key_wins()
    {
        Assert.Equal("1", Parse("id:1 id:2 stat:DELIVRD").Id);
    }

    [Fact]
    public void A_key_inside_a_word_is_not_a_key()
    {
        Assert.False(DeliveryReceiptParser.TryParse("Paid: 100 kr, stat: ok", out _));
        Assert.Equal("DELIVRD", Parse("id:5 status:late stat:DELIVRD").Stat);
    }

    [Fact]
    public void Hex_ids_are_kept_raw()
    {
        Assert.Equal("00A1b2C3", Parse("id:00A1b2C3 stat:ACCEPTD").Id);
    }

    [Theory]
    [InlineData("Hei, er du der?")]
    [InlineData("id:123 sub:001")]
    [InlineData("stat:DELIVRD")]
    [InlineData("id: stat:DELIVRD")]
    [InlineData("id:123 stat:")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Text_that_is_not_a_receipt_is_refused(string? text)
    {
        Assert.False(DeliveryReceiptParser.TryParse(text, out var receipt));
        Assert.Null(receipt);
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
