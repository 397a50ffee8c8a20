using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Tests.Receipts;

public class MessageIdNormalizerTests
{
    [Fact]
    public void Hex_id_from_the_response_matches_the_decimal_id_in_the_receipt()
    {
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Hex, MessageIdFormat.Decimal);

        Assert.Equal(normalizer.KeyForSubmitResponse("1A2B"), normalizer.KeyForReceipt("6699"));
        Assert.Equal(normalizer.KeyForSubmitResponse("0001a2b"), normalizer.KeyForReceipt("0006699"));
    }

    [Fact]
    public void Opaque_ids_match_regardless_of_case_spaces_and_leading_zeros()
    {
        Assert.Equal(MessageIdNormalizer.AsIs.KeyForSubmitResponse(" 00AbC9 "), MessageIdNormalizer.AsIs.KeyForReceipt("abc9"));
        Assert.Equal("0", MessageIdNormalizer.AsIs.KeyForReceipt("000"));
    }

    [Fact]
    public void Different_ids_stay_different()
    {
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Hex, MessageIdFormat.Decimal);

        Assert.NotEqual(normalizer.KeyForSubmitResponse("1A2B"), normalizer.KeyForReceipt("6698"));
    }

    [Fact]
    public void Ids_longer_than_64_bits_still_convert()
    {
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Hex, MessageIdFormat.Decimal);

        Assert.Equal(normalizer.KeyForSubmitResponse("FFFFFFFFFFFFFFFFFF"), normalizer.KeyForReceipt("4722366482869645213695"));
    }

    [Fact]
    public void An_id_that_is_not_in_its_declared_format_falls_back_to_the_opaque_form()
    {
        Assert.Equal("msg-1", MessageIdNormalizer.Key("MSG-1", MessageIdFormat.Decimal));
    }

    [Fact]
    public void A_receipt_is_keyed_by_its_tlv_id_in_the_response_format_before_its_text_id()
    {
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Hex, MessageIdFormat.Decimal);
        var withTlv = new DeliveryReceipt("6699", 1, 1, null, null, "DELIVRD", MessageState.Delivered, "000", null, ReceiptedMessageId: "1A2B");
        var textOnly = withTlv with { ReceiptedMessageId = null };

        Assert.Equal(normalizer.KeyForSubmitResponse("1a2b"), normalizer.KeyForReceipt(withTlv));
        Assert.Equal(normalizer.KeyForSubmitResponse("1a2b"), normalizer.KeyForReceipt(textOnly));
    }
}
