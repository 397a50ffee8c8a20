using Front.Actors.Smpp.Receipts;

namespace Front.Actors.Smpp.Tests.Receipts;

public class MessageIdNormalizerTests
{
    private static readonly MessageIdNormalizer HexThenDecimal = new(MessageIdFormat.Hex, MessageIdFormat.Decimal);

    [Fact]
    public void Hex_id_from_the_response_matches_the_decimal_id_in_the_receipt()
    {
        Assert.Equal("6699", HexThenDecimal.KeyForSubmitResponse("1A2B"));
        Assert.Equal("6699", HexThenDecimal.KeyForReceipt("6699"));
        Assert.True(HexThenDecimal.AreSame("1A2B", "6699"));
    }

    [Fact]
    public void Hex_case_and_leading_zeros_do_not_change_the_key()
    {
        Assert.Equal(HexThenDecimal.KeyForSubmitResponse("1A2B"), HexThenDecimal.KeyForSubmitResponse("0001a2b"));
        Assert.Equal(HexThenDecimal.KeyForSubmitResponse("0001a2b"), HexThenDecimal.KeyForReceipt("0006699"));
    }

    [Fact]
    public void A_hex_id_with_a_high_first_digit_is_not_negative()
    {
        Assert.Equal("4294967295", MessageIdNormalizer.Key("FFFFFFFF", MessageIdFormat.Hex));
    }

    [Fact]
    public void Decimal_id_from_the_response_matches_the_hex_id_in_the_receipt()
    {
        var normalizer = new MessageIdNormalizer(MessageIdFormat.Decimal, MessageIdFormat.Hex);

        Assert.True(normalizer.AreSame("6699", "1a2b"));
        Assert.False(normalizer.AreSame("1a2b", "6699"));
    }

    [Fact]
    public void Opaque_ids_match_regardless_of_case_spaces_and_leading_zeros()
    {
        Assert.Equal("abc9", MessageIdNormalizer.AsIs.KeyForSubmitResponse(" 00AbC9 "));
        Assert.Equal("abc9", MessageIdNormalizer.AsIs.KeyForReceipt("abc9"));
        Assert.True(MessageIdNormalizer.AsIs.AreSame("0001A2B", "1a2b"));
    }

    [Fact]
    public void As_is_does_not_convert_between_hex_and_decimal()
    {
        Assert.False(MessageIdNormalizer.AsIs.AreSame("1A2B", "6699"));
    }

    [Theory]
    [InlineData("000", "0")]
    [InlineData("0", "0")]
    [InlineData("  ", "")]
    [InlineData("", "")]
    [InlineData("0A-0B", "a-0b")]
    public void Normalize_trims_lowers_and_strips_leading_zeros(string id, string normalized)
    {
        Assert.Equal(normalized, MessageIdNormalizer.Normalize(id));
    }

    [Theory]
    [InlineData("1A2B", MessageIdFormat.Hex, "6699")]
    [InlineData("0006699", MessageIdFormat.Decimal, "6699")]
    [InlineData(" 00 ", MessageIdFormat.Hex, "0")]
    [InlineData("6699", MessageIdFormat.AsIs, null)]
    [InlineData("xyz", MessageIdFormat.Hex, null)]
    [InlineData("1A2B", MessageIdFormat.Decimal, null)]
    [InlineData("-5", MessageIdFormat.Decimal, null)]
    [InlineData("", MessageIdFormat.Hex, null)]
    public void As_decimal_converts_only_what_parses_in_the_declared_format(string id, MessageIdFormat format, string? expected)
    {
        Assert.Equal(expected, MessageIdNormalizer.AsDecimal(id, format));
    }

    [Fact]
    public void Different_ids_stay_different()
    {
        Assert.NotEqual(HexThenDecimal.KeyForSubmitResponse("1A2B"), HexThenDecimal.KeyForReceipt("6698"));
        Assert.False(HexThenDecimal.AreSame("1A2B", "6698"));
    }

    [Fact]
    public void Ids_longer_than_64_bits_still_convert()
    {
        Assert.Equal(HexThenDecimal.KeyForSubmitResponse("FFFFFFFFFFFFFFFFFF"), HexThenDecimal.KeyForReceipt("4722366482869645213695"));
    }

    [Fact]
    public void Ids_longer_than_128_bits_still_convert()
    {
        var hex = new string('F', 40);
        var dec = (System.Numerics.BigInteger.Pow(2, 160) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(HexThenDecimal.AreSame(hex, dec));
    }

    [Fact]
    public void An_id_that_is_not_in_its_declared_format_falls_back_to_the_opaque_form()
    {
        Assert.Equal("msg-1", MessageIdNormalizer.Key("MSG-1", MessageIdFormat.Decimal));
        Assert.True(HexThenDecimal.AreSame(" MSG-1", "msg-1"));
    }

    [Fact]
    public void The_formats_are_kept_for_the_bind()
    {
        Assert.Equal((MessageIdFormat.Hex, MessageIdFormat.Decimal), (HexThenDecimal.SubmitResponseFormat, HexThenDecimal.ReceiptFormat));
    }

    [Fact]
    public void A_receipt_is_keyed_by_its_tlv_id_in_the_response_format_before_its_text_id()
    {
        var withTlv = new DeliveryReceipt("6699", 1, 1, null, null, "DELIVRD", MessageState.Delivered, "000", null, ReceiptedMessageId: "1A2B");
        var textOnly = withTlv with { ReceiptedMessageId = null };
        var tlvDisagrees = withTlv with { Id = "1" };

        Assert.Equal("6699", HexThenDecimal.KeyForReceipt(withTlv));
        Assert.Equal("6699", HexThenDecimal.KeyForReceipt(textOnly));
        Assert.Equal("6699", HexThenDecimal.KeyForReceipt(tlvDisagrees));
    }

    [Fact]
    public void A_parsed_receipt_finds_the_key_stored_at_submit_time()
    {
        var stored = HexThenDecimal.KeyForSubmitResponse("0001A2B");
        Assert.True(DeliveryReceiptParser.TryParse("id:6699 sub:001 dlvrd:001 submit date:2611221015 done date:2611221016 stat:DELIVRD err:000 text:Hei", out var receipt));

        Assert.Equal(stored, HexThenDecimal.KeyForReceipt(receipt));
    }
}
