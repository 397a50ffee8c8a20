using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class Gsm7Tests
{
    [Fact]
    public void Every_default_table_character_round_trips_to_its_own_septet()
    {
        for (byte code = 0; code < 128; code++)
        {
            if (code == Gsm7.Escape)
                continue;
            var text = Gsm7.DecodeUnpacked([code]);
            Assert.Equal([code], Gsm7.EncodeUnpacked(text));
        }
    }

    [Theory]
    [InlineData('@', 0x00)]
    [InlineData('£', 0x01)]
    [InlineData('Ø', 0x0B)]
    [InlineData('å', 0x0F)]
    [InlineData('Æ', 0x1C)]
    [InlineData('æ', 0x1D)]
    [InlineData('¤', 0x24)]
    [InlineData('¡', 0x40)]
    [InlineData('§', 0x5F)]
    [InlineData('ø', 0x0C)]
    [InlineData('à', 0x7F)]
    public void Characters_sit_at_their_03_38_positions(char c, byte septet)
    {
        Assert.Equal([septet], Gsm7.EncodeUnpacked(c.ToString()));
    }

    [Fact]
    public void Extension_characters_are_escaped_and_count_as_two_septets()
    {
        Assert.Equal([0x1B, 0x65], Gsm7.EncodeUnpacked("€"));
        Assert.Equal(2 * 10, Gsm7.SeptetCount("€[]{}^~\\|\f"));
        Assert.Equal("€[]{}^~\\|", Gsm7.DecodeUnpacked(Gsm7.EncodeUnpacked("€[]{}^~\\|")));
    }

    [Fact]
    public void Norwegian_text_stays_in_gsm_7_bit()
    {
        Assert.True(Gsm7.CanEncode("Blåbærsyltetøy på Ærøy, Øst og Åsgårdstrand"));
        Assert.Equal(DataCoding.SmscDefault, SmsTextCodec.ChooseFor("Hei, blåbær!"));
    }

    [Fact]
    public void Emoji_forces_ucs2_and_its_surrogate_pair_survives()
    {
        const string text = "Takk 👍";
        Assert.Equal(DataCoding.Ucs2, SmsTextCodec.ChooseFor(text));
        var bytes = SmsTextCodec.Encode(text, DataCoding.Ucs2);
        Assert.Equal(14, bytes.Length); // 5 characters + a surrogate pair, 2 octets each
        Assert.Equal(text, SmsTextCodec.Decode(bytes, DataCoding.Ucs2));
    }

    [Fact]
    public void Unencodable_character_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Gsm7.EncodeUnpacked("ok ✓"));
        Assert.Contains("U+2713", error.Message);
    }

    [Fact]
    public void Packing_hellohello_gives_the_classic_vector()
    {
        var packed = Gsm7.Pack(Gsm7.EncodeUnpacked("hellohello"));

        Assert.Equal(Hex.Bytes("E8 32 9B FD 46 97 D9 EC 37"), packed);
        Assert.Equal("hellohello", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed, 10)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(153)]
    public void Packing_round_trips_at_octet_boundaries_and_with_fill_bits(int length)
    {
        var septets = Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 128)).ToArray();
        Assert.Equal(septets, Gsm7.Unpack(Gsm7.Pack(septets), length));
        Assert.Equal(septets, Gsm7.Unpack(Gsm7.Pack(septets, fillBits: 1), length, fillBits: 1));
        Assert.Equal((length * 7 + 7) / 8, Gsm7.Pack(septets).Length);
    }

    [Fact]
    public void Latin1_and_ascii_refuse_what_they_cannot_carry()
    {
        Assert.Equal("Grüße", SmsTextCodec.Decode(SmsTextCodec.Encode("Grüße", DataCoding.Latin1), DataCoding.Latin1));
        Assert.Throws<ArgumentException>(() => SmsTextCodec.Encode("€", DataCoding.Latin1));
        Assert.Throws<ArgumentException>(() => SmsTextCodec.Encode("ø", DataCoding.Ascii));
    }

    [Fact]
    public void High_octets_from_a_sloppy_peer_are_masked_not_thrown()
    {
        Assert.Equal("A", Gsm7.DecodeUnpacked([0xC1]));
    }
}
