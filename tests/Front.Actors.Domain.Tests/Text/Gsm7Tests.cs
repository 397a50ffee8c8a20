using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class Gsm7Tests
{
    // 3GPP TS 23.038 table 6.2.1, written as code points so it does not share a typo with the product's table.
    // 0x1B (escape) has no character of its own.
    private static readonly int[] DefaultAlphabet =
    [
        0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
        0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E, -1, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
        0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
        0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
        0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047, 0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,
        0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
        0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
    ];

    public static TheoryData<byte, char> DefaultTableEntries()
    {
        var data = new TheoryData<byte, char>();
        for (var septet = 0; septet < DefaultAlphabet.Length; septet++)
            if (DefaultAlphabet[septet] >= 0)
                data.Add((byte)septet, (char)DefaultAlphabet[septet]);
        return data;
    }

    public static TheoryData<char, byte> ExtensionTableEntries() => new()
    {
        { '\f', 0x0A }, { '^', 0x14 }, { '{', 0x28 }, { '}', 0x29 }, { '\\', 0x2F },
        { '[', 0x3C }, { '~', 0x3D }, { ']', 0x3E }, { '|', 0x40 }, { '€', 0x65 },
    };

    [Fact]
    public void The_reference_table_has_128_entries()
    {
        Assert.Equal(128, DefaultAlphabet.Length);
        Assert.Equal(127, DefaultTableEntries().Count());
    }

    [Theory]
    [MemberData(nameof(DefaultTableEntries))]
    public void Every_default_table_character_encodes_to_its_septet_and_back(byte septet, char c)
    {
        Assert.True(Gsm7.IsInDefaultTable(c));
        Assert.Equal(1, Gsm7.SeptetCount(c.ToString()));
        Assert.Equal([septet], Gsm7.EncodeUnpacked(c.ToString()));
        Assert.Equal(c.ToString(), Gsm7.DecodeUnpacked([septet]));
    }

    [Fact]
    public void The_whole_default_table_round_trips_as_one_text()
    {
        var septets = Enumerable.Range(0, 128).Where(s => s != Gsm7.Escape).Select(s => (byte)s).ToArray();

        var text = Gsm7.DecodeUnpacked(septets);

        Assert.Equal(127, text.Length);
        Assert.True(Gsm7.CanEncode(text));
        Assert.Equal(septets, Gsm7.EncodeUnpacked(text));
    }

    [Theory]
    [MemberData(nameof(ExtensionTableEntries))]
    public void Every_extension_character_is_escaped_and_decodes_back(char c, byte code)
    {
        Assert.True(Gsm7.IsInExtensionTable(c));
        Assert.False(Gsm7.IsInDefaultTable(c));
        Assert.Equal([Gsm7.Escape, code], Gsm7.EncodeUnpacked(c.ToString()));
        Assert.Equal(c.ToString(), Gsm7.DecodeUnpacked([Gsm7.Escape, code]));
    }

    [Fact]
    public void Euro_sign_counts_as_two_septets()
    {
        Assert.Equal(2, Gsm7.SeptetCount("€"));
        Assert.Equal(8, Gsm7.SeptetCount("Pris 5€"));
    }

    [Fact]
    public void Every_extension_character_counts_as_two_septets()
    {
        Assert.Equal(2 * 10, Gsm7.SeptetCount("€[]{}^~\\|\f"));
        Assert.Equal("€[]{}^~\\|\f", Gsm7.DecodeUnpacked(Gsm7.EncodeUnpacked("€[]{}^~\\|\f")));
    }

    [Fact]
    public void Norwegian_letters_are_single_septets_in_the_default_table()
    {
        Assert.Equal(Hex.Bytes("1D 0C 0F 1C 0B 0E"), Gsm7.EncodeUnpacked("æøåÆØÅ"));
        Assert.Equal(6, Gsm7.SeptetCount("æøåÆØÅ"));
    }

    [Fact]
    public void Norwegian_text_stays_in_gsm_7_bit()
    {
        const string text = "Blåbærsyltetøy på Ærøy, Øst og Åsgårdstrand";

        Assert.True(Gsm7.CanEncode(text));
        Assert.Equal(DataCoding.SmscDefault, SmsTextCodec.ChooseFor(text));
        Assert.Equal(text, Gsm7.DecodeUnpacked(Gsm7.EncodeUnpacked(text)));
    }

    [Theory]
    [InlineData("ok ✓", "U+2713", 3)]
    [InlineData("Türkçe", "U+00E7", 4)]
    [InlineData("👍", "U+D83D", 0)]
    public void The_first_unencodable_character_is_named_in_the_error(string text, string codePoint, int position)
    {
        Assert.False(Gsm7.CanEncode(text));

        var error = Assert.Throws<ArgumentException>(() => Gsm7.EncodeUnpacked(text));

        Assert.Contains(codePoint, error.Message);
        Assert.Contains($"position {position}", error.Message);
    }

    [Fact]
    public void Empty_text_is_encodable_and_takes_no_septets()
    {
        Assert.True(Gsm7.CanEncode(""));
        Assert.Equal(0, Gsm7.SeptetCount(""));
        Assert.Empty(Gsm7.EncodeUnpacked(""));
        Assert.Equal("", Gsm7.DecodeUnpacked([]));
    }

    [Fact]
    public void An_escape_before_a_code_the_extension_table_lacks_gives_the_default_character()
    {
        Assert.Equal("A", Gsm7.DecodeUnpacked([Gsm7.Escape, 0x41]));
        Assert.Equal("xåy", Gsm7.DecodeUnpacked([0x78, Gsm7.Escape, 0x0F, 0x79]));
    }

    [Fact]
    public void A_doubled_or_trailing_escape_decodes_as_a_space()
    {
        Assert.Equal(" a", Gsm7.DecodeUnpacked([Gsm7.Escape, Gsm7.Escape, 0x61]));
        Assert.Equal("a ", Gsm7.DecodeUnpacked([0x61, Gsm7.Escape]));
    }

    [Fact]
    public void High_octets_from_a_sloppy_peer_are_masked_not_thrown()
    {
        Assert.Equal("A", Gsm7.DecodeUnpacked([0xC1]));
        Assert.Equal("€", Gsm7.DecodeUnpacked([0x9B, 0xE5]));
    }

    [Fact]
    public void Packing_hellohello_gives_the_classic_vector()
    {
        var packed = Gsm7.Pack(Gsm7.EncodeUnpacked("hellohello"));

        Assert.Equal(Hex.Bytes("E8 32 9B FD 46 97 D9 EC 37"), packed);
        Assert.Equal("hellohello", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed, 10)));
    }

    [Fact]
    public void Packing_hello_gives_the_23_038_vector()
    {
        Assert.Equal(Hex.Bytes("E8 32 9B FD 06"), Gsm7.Pack(Gsm7.EncodeUnpacked("hello")));
    }

    [Fact]
    public void Seven_septets_leave_seven_spare_bits_and_eight_fill_the_seven_octets()
    {
        Assert.Equal(Hex.Bytes("31 D9 8C 56 B3 DD 00"), Gsm7.Pack(Gsm7.EncodeUnpacked("1234567")));
        Assert.Equal(Hex.Bytes("31 D9 8C 56 B3 DD 70"), Gsm7.Pack(Gsm7.EncodeUnpacked("12345678")));
        Assert.Equal(Hex.Bytes("31 D9 8C 56 B3 DD 70 39"), Gsm7.Pack(Gsm7.EncodeUnpacked("123456789")));
    }

    [Fact]
    public void The_septet_count_decides_whether_spare_bits_are_an_at_sign()
    {
        var packed = Hex.Bytes("31 D9 8C 56 B3 DD 00");

        Assert.Equal("1234567", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed, 7)));
        Assert.Equal("1234567@", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed, 8)));
    }

    [Fact]
    public void One_fill_bit_after_a_six_octet_header_shifts_the_septets()
    {
        var packed = Gsm7.Pack(Gsm7.EncodeUnpacked("hello"), fillBits: 1);

        Assert.Equal(Hex.Bytes("D0 65 36 FB 0D"), packed);
        Assert.Equal("hello", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed, 5, fillBits: 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(153)]
    [InlineData(160)]
    public void Packing_round_trips_at_octet_boundaries_with_every_fill(int length)
    {
        var septets = Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 128)).ToArray();

        for (var fill = 0; fill <= Gsm7.MaxFillBits; fill++)
        {
            var packed = Gsm7.Pack(septets, fill);
            Assert.Equal((fill + length * 7 + 7) / 8, packed.Length);
            Assert.Equal(septets, Gsm7.Unpack(packed, length, fill));
        }
    }

    [Fact]
    public void Packing_ignores_the_eighth_bit_of_a_septet()
    {
        Assert.Equal(Gsm7.Pack([0x41, 0x42]), Gsm7.Pack([0xC1, 0xC2]));
    }

    [Fact]
    public void Unpacking_more_septets_than_the_octets_hold_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Gsm7.Unpack(Hex.Bytes("E8 32 9B FD 06"), 6));
        Assert.Throws<ArgumentException>(() => Gsm7.Unpack(Hex.Bytes("31 D9 8C 56 B3 DD 70"), 8, fillBits: 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void Fill_bits_outside_zero_to_six_are_refused(int fill)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gsm7.Pack([0x41], fill));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gsm7.Unpack([0x41, 0x00], 1, fill));
    }
}
