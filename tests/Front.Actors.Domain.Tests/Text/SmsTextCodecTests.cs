using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class SmsTextCodecTests
{
    [Fact]
    public void Data_coding_values_are_the_smpp_3_4_octets()
    {
        Assert.Equal(
            [0x00, 0x01, 0x02, 0x03, 0x04, 0x08],
            new[] { DataCoding.SmscDefault, DataCoding.Ascii, DataCoding.Binary, DataCoding.Latin1, DataCoding.Binary8Bit, DataCoding.Ucs2 }.Select(c => (byte)c));
    }

    [Theory]
    [InlineData("Hei, blåbær!")]
    [InlineData("Pris: 5€ [rabatt]")]
    [InlineData("")]
    public void Gsm_text_chooses_the_smsc_default_coding(string text)
    {
        Assert.Equal(DataCoding.SmscDefault, SmsTextCodec.ChooseFor(text));
    }

    [Theory]
    [InlineData("Takk 👍")]
    [InlineData("Привет")]
    [InlineData("ça va")]
    public void Text_outside_gsm_chooses_ucs2(string text)
    {
        Assert.Equal(DataCoding.Ucs2, SmsTextCodec.ChooseFor(text));
    }

    [Fact]
    public void Smsc_default_is_gsm_unpacked_one_septet_per_octet()
    {
        var bytes = SmsTextCodec.Encode("Hei på deg €", DataCoding.SmscDefault);

        Assert.Equal(Hex.Bytes("48 65 69 20 70 0F 20 64 65 67 20 1B 65"), bytes);
        Assert.Equal("Hei på deg €", SmsTextCodec.Decode(bytes, DataCoding.SmscDefault));
    }

    [Fact]
    public void Ucs2_is_utf16_big_endian()
    {
        var bytes = SmsTextCodec.Encode("Aø€", DataCoding.Ucs2);

        Assert.Equal(Hex.Bytes("00 41 00 F8 20 AC"), bytes);
        Assert.Equal("Aø€", SmsTextCodec.Decode(bytes, DataCoding.Ucs2));
    }

    [Fact]
    public void Emoji_forces_ucs2_and_its_surrogate_pair_survives()
    {
        const string text = "Takk 👍";

        var bytes = SmsTextCodec.Encode(text, SmsTextCodec.ChooseFor(text));

        Assert.Equal(14, bytes.Length); // 5 characters + a surrogate pair, 2 octets each
        Assert.Equal(Hex.Bytes("D8 3D DC 4D"), bytes[10..]);
        Assert.Equal(text, SmsTextCodec.Decode(bytes, DataCoding.Ucs2));
    }

    [Fact]
    public void A_surrogate_pair_split_by_another_sender_is_whole_again_after_reassembly()
    {
        var first = SmsTextCodec.Decode(Hex.Bytes("00 61 D8 3D"), DataCoding.Ucs2);
        var second = SmsTextCodec.Decode(Hex.Bytes("DE 00 00 62"), DataCoding.Ucs2);

        Assert.Equal("a😀b", first + second);
    }

    [Fact]
    public void A_lone_surrogate_is_carried_as_its_code_unit()
    {
        Assert.Equal(Hex.Bytes("00 61 D8 3D"), SmsTextCodec.Encode("a\uD83D", DataCoding.Ucs2));
    }

    [Fact]
    public void An_odd_trailing_ucs2_octet_shows_as_a_replacement_character()
    {
        Assert.Equal("A\uFFFD", SmsTextCodec.Decode(Hex.Bytes("00 41 00"), DataCoding.Ucs2));
    }

    [Fact]
    public void Latin1_carries_western_european_letters_one_octet_each()
    {
        var bytes = SmsTextCodec.Encode("Grüße, çà", DataCoding.Latin1);

        Assert.Equal(Hex.Bytes("47 72 FC DF 65 2C 20 E7 E0"), bytes);
        Assert.Equal("Grüße, çà", SmsTextCodec.Decode(bytes, DataCoding.Latin1));
    }

    [Fact]
    public void Latin1_refuses_the_euro_sign_and_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => SmsTextCodec.Encode("5 €", DataCoding.Latin1));

        Assert.Contains("U+20AC", error.Message);
    }

    [Fact]
    public void Ascii_carries_ascii_and_refuses_the_rest()
    {
        Assert.Equal("Hello {x}", SmsTextCodec.Decode(SmsTextCodec.Encode("Hello {x}", DataCoding.Ascii), DataCoding.Ascii));
        Assert.Throws<ArgumentException>(() => SmsTextCodec.Encode("ø", DataCoding.Ascii));
    }

    [Fact]
    public void Gsm_refuses_text_it_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => SmsTextCodec.Encode("Привет", DataCoding.SmscDefault));
    }

    [Theory]
    [InlineData(DataCoding.Binary8Bit)]
    [InlineData(DataCoding.Binary)]
    public void Binary_decodes_to_lowercase_hex(DataCoding coding)
    {
        Assert.Equal("0b8423f0ff", SmsTextCodec.Decode(Hex.Bytes("0B 84 23 F0 FF"), coding));
    }

    [Theory]
    [InlineData(DataCoding.Binary8Bit)]
    [InlineData(DataCoding.Binary)]
    public void Binary_cannot_be_encoded_from_text(DataCoding coding)
    {
        Assert.Throws<NotSupportedException>(() => SmsTextCodec.Encode("abc", coding));
    }
}
