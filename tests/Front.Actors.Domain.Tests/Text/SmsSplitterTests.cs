using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class SmsSplitterTests
{
    private static ConcatenationInfo Header(byte[] part)
    {
        Assert.True(UserDataHeader.TryParse(part, out _, out var info));
        return Assert.NotNull(info);
    }

    private static string Body(byte[] part, DataCoding coding)
    {
        Assert.True(UserDataHeader.TryParse(part, out var headerLength, out _));
        return SmsTextCodec.Decode(part.AsSpan(headerLength), coding);
    }

    private static string Reassemble(IReadOnlyList<byte[]> parts, DataCoding coding) =>
        string.Concat(parts.Select(p => Body(p, coding)));

    [Fact]
    public void Exactly_160_gsm_characters_is_one_part_without_a_header()
    {
        var parts = SmsSplitter.Split(new string('a', 160), DataCoding.SmscDefault, 1);

        Assert.Equal(Gsm7.EncodeUnpacked(new string('a', 160)), Assert.Single(parts));
    }

    [Fact]
    public void Eighty_euro_signs_fill_one_part_because_each_takes_two_septets()
    {
        Assert.Single(SmsSplitter.Split(new string('€', 80), DataCoding.SmscDefault, 1));
        Assert.Equal(2, SmsSplitter.Split(new string('€', 80) + "a", DataCoding.SmscDefault, 1).Count);
    }

    [Fact]
    public void A_161st_character_makes_two_parts_of_153_and_8()
    {
        var text = new string('a', 161);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 0x2A);

        Assert.Equal(2, parts.Count);
        Assert.Equal(6 + 153, parts[0].Length);
        Assert.Equal(6 + 8, parts[1].Length);
        Assert.Equal(Hex.Bytes("05 00 03 2A 02 01"), parts[0][..6]);
        Assert.Equal(Hex.Bytes("05 00 03 2A 02 02"), parts[1][..6]);
        Assert.Equal(text, Reassemble(parts, DataCoding.SmscDefault));
    }

    [Fact]
    public void Exactly_306_gsm_characters_is_two_full_parts_and_307_is_three()
    {
        Assert.Equal(2, SmsSplitter.Split(new string('a', 306), DataCoding.SmscDefault, 1).Count);
        Assert.Equal(3, SmsSplitter.Split(new string('a', 307), DataCoding.SmscDefault, 1).Count);
    }

    [Fact]
    public void Norwegian_long_text_is_split_in_gsm_and_reassembles()
    {
        var text = string.Concat(Enumerable.Repeat("Blåbærsyltetøy på Ærøy. ", 20));

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 9);

        Assert.Equal(4, parts.Count); // 480 septets: 153 + 153 + 153 + 21
        Assert.Equal([1, 2, 3, 4], parts.Select(p => (int)Header(p).Sequence));
        Assert.All(parts, p => Assert.Equal(4, Header(p).Total));
        Assert.All(parts, p => Assert.Equal(9, Header(p).Reference));
        Assert.Equal(text, Reassemble(parts, DataCoding.SmscDefault));
    }

    [Fact]
    public void Sixteen_bit_references_leave_152_septets_per_part()
    {
        var parts = SmsSplitter.Split(new string('a', 200), DataCoding.SmscDefault, 0xBEEF, use16BitReference: true);

        Assert.Equal(2, parts.Count);
        Assert.Equal(7 + 152, parts[0].Length);
        Assert.Equal(7 + 48, parts[1].Length);
        Assert.Equal(Hex.Bytes("06 08 04 BE EF 02 01"), parts[0][..7]);
        Assert.Equal(Hex.Bytes("06 08 04 BE EF 02 02"), parts[1][..7]);
    }

    [Fact]
    public void An_eight_bit_reference_sends_the_low_octet()
    {
        var parts = SmsSplitter.Split(new string('a', 161), DataCoding.SmscDefault, 0x1234);

        Assert.Equal(0x34, parts[0][3]);
    }

    [Fact]
    public void An_escape_pair_is_never_split_across_parts()
    {
        var text = new string('a', 152) + "€" + new string('b', 10);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 1);

        Assert.Equal(6 + 152, parts[0].Length);
        Assert.Equal(Hex.Bytes("1B 65"), parts[1][6..8]);
        Assert.Equal(text, Reassemble(parts, DataCoding.SmscDefault));
    }

    [Fact]
    public void An_escape_pair_that_ends_exactly_at_the_limit_stays_in_the_part()
    {
        var text = new string('a', 151) + "€" + new string('b', 10);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 1);

        Assert.Equal(6 + 153, parts[0].Length);
        Assert.Equal(Hex.Bytes("1B 65"), parts[0][^2..]);
    }

    [Fact]
    public void An_escape_pair_is_never_split_with_a_sixteen_bit_reference_either()
    {
        var text = new string('a', 151) + "€" + new string('b', 10);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 1, use16BitReference: true);

        Assert.Equal(7 + 151, parts[0].Length);
        Assert.Equal(text, Reassemble(parts, DataCoding.SmscDefault));
    }

    [Fact]
    public void No_part_of_a_text_full_of_escapes_ends_on_an_escape()
    {
        var text = "a" + new string('€', 400);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 1);

        Assert.All(parts, p => Assert.NotEqual(Gsm7.Escape, p[^1]));
        Assert.All(parts, p => Assert.True(p.Length - 6 <= 153));
        Assert.Equal(text, Reassemble(parts, DataCoding.SmscDefault));
    }

    [Fact]
    public void Seventy_ucs2_characters_fit_one_part_and_71_need_two_of_67_and_4()
    {
        Assert.Equal(140, Assert.Single(SmsSplitter.Split(new string('ж', 70), DataCoding.Ucs2, 1)).Length);

        var parts = SmsSplitter.Split(new string('ж', 71), DataCoding.Ucs2, 1);

        Assert.Equal(2, parts.Count);
        Assert.Equal(6 + 67 * 2, parts[0].Length);
        Assert.Equal(6 + 4 * 2, parts[1].Length);
        Assert.Equal(new string('ж', 71), Reassemble(parts, DataCoding.Ucs2));
    }

    [Fact]
    public void Sixteen_bit_references_leave_66_ucs2_characters_per_part()
    {
        var parts = SmsSplitter.Split(new string('ж', 71), DataCoding.Ucs2, 1, use16BitReference: true);

        Assert.Equal(7 + 66 * 2, parts[0].Length);
        Assert.Equal(7 + 5 * 2, parts[1].Length);
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_parts()
    {
        var text = new string('ж', 66) + "😀" + "abc";

        var parts = SmsSplitter.Split(text, DataCoding.Ucs2, 1);

        Assert.Equal(6 + 132, parts[0].Length);
        Assert.Equal(Hex.Bytes("D8 3D DE 00"), parts[1][6..10]);
        Assert.Equal(text, Reassemble(parts, DataCoding.Ucs2));
    }

    [Fact]
    public void A_surrogate_pair_that_ends_exactly_at_the_limit_stays_in_the_part()
    {
        var text = new string('ж', 65) + "😀" + "abcd"; // 71 code units: too long for one part

        var parts = SmsSplitter.Split(text, DataCoding.Ucs2, 1);

        Assert.Equal(6 + 134, parts[0].Length);
        Assert.Equal(text, Reassemble(parts, DataCoding.Ucs2));
    }

    [Fact]
    public void Thirty_five_emoji_fit_one_ucs2_message()
    {
        Assert.Single(SmsSplitter.Split(string.Concat(Enumerable.Repeat("😀", 35)), DataCoding.Ucs2, 1));
        Assert.Equal(2, SmsSplitter.Split(string.Concat(Enumerable.Repeat("😀", 35)) + "a", DataCoding.Ucs2, 1).Count);
    }

    [Fact]
    public void Latin1_holds_140_octets_single_and_134_per_part()
    {
        Assert.Single(SmsSplitter.Split(new string('é', 140), DataCoding.Latin1, 1));

        var parts = SmsSplitter.Split(new string('é', 141), DataCoding.Latin1, 1);

        Assert.Equal(6 + 134, parts[0].Length);
        Assert.Equal(6 + 7, parts[1].Length);
        Assert.Equal(new string('é', 141), Reassemble(parts, DataCoding.Latin1));
    }

    [Fact]
    public void Empty_text_is_one_empty_payload()
    {
        Assert.Empty(Assert.Single(SmsSplitter.Split("", DataCoding.SmscDefault, 1)));
    }

    [Fact]
    public void Text_needing_more_than_255_parts_is_refused()
    {
        Assert.Equal(255, SmsSplitter.Split(new string('a', 255 * 153), DataCoding.SmscDefault, 1).Count);
        Assert.Throws<ArgumentException>(() => SmsSplitter.Split(new string('a', 255 * 153 + 1), DataCoding.SmscDefault, 1));
    }

    [Fact]
    public void Text_the_coding_cannot_carry_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SmsSplitter.Split("Привет", DataCoding.SmscDefault, 1));
    }

    [Theory]
    [InlineData(DataCoding.SmscDefault, false, 153)]
    [InlineData(DataCoding.SmscDefault, true, 152)]
    [InlineData(DataCoding.Ucs2, false, 134)]
    [InlineData(DataCoding.Ucs2, true, 132)]
    [InlineData(DataCoding.Latin1, false, 134)]
    [InlineData(DataCoding.Latin1, true, 133)]
    public void Part_capacity_is_what_the_header_leaves_of_140_octets(DataCoding coding, bool sixteenBit, int units)
    {
        Assert.Equal(units, SmsSplitter.PartCapacity(coding, UserDataHeader.ConcatenationHeaderLength(sixteenBit)));
    }
}
