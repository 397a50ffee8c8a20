using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class SmsSplitterTests
{
    private static string Body(byte[] part, DataCoding coding)
    {
        UserDataHeader.TryParse(part, out var headerLength, out _);
        return SmsTextCodec.Decode(part.AsSpan(headerLength), coding);
    }

    [Fact]
    public void Exactly_160_gsm_characters_is_one_part_without_a_header()
    {
        var parts = SmsSplitter.Split(new string('a', 160), DataCoding.SmscDefault, 1);

        Assert.Equal(160, Assert.Single(parts).Length);
    }

    [Fact]
    public void A_161st_character_makes_two_parts_of_153_and_8()
    {
        var parts = SmsSplitter.Split(new string('a', 161), DataCoding.SmscDefault, 0x2A);

        Assert.Equal(2, parts.Count);
        Assert.Equal(6 + 153, parts[0].Length);
        Assert.Equal(6 + 8, parts[1].Length);
        Assert.Equal(Hex.Bytes("05 00 03 2A 02 01"), parts[0][..6]);
        Assert.Equal(Hex.Bytes("05 00 03 2A 02 02"), parts[1][..6]);
    }

    [Fact]
    public void Sixteen_bit_references_leave_152_septets_per_part()
    {
        var parts = SmsSplitter.Split(new string('a', 200), DataCoding.SmscDefault, 0xBEEF, use16BitReference: true);

        Assert.Equal(7 + 152, parts[0].Length);
        Assert.Equal(Hex.Bytes("06 08 04 BE EF 02 01"), parts[0][..7]);
    }

    [Fact]
    public void An_escape_pair_is_never_split_across_parts()
    {
        var text = new string('a', 152) + "€" + new string('b', 10);

        var parts = SmsSplitter.Split(text, DataCoding.SmscDefault, 1);

        Assert.Equal(6 + 152, parts[0].Length);
        Assert.Equal(text, string.Concat(parts.Select(p => Body(p, DataCoding.SmscDefault))));
    }

    [Fact]
    public void Seventy_ucs2_characters_fit_one_part_and_71_need_two()
    {
        Assert.Single(SmsSplitter.Split(new string('ж', 70), DataCoding.Ucs2, 1));
        var parts = SmsSplitter.Split(new string('ж', 71), DataCoding.Ucs2, 1);
        Assert.Equal(2, parts.Count);
        Assert.Equal(6 + 134, parts[0].Length);
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_parts()
    {
        var text = new string('ж', 66) + "😀" + "abc";

        var parts = SmsSplitter.Split(text, DataCoding.Ucs2, 1);

        Assert.Equal(6 + 132, parts[0].Length);
        Assert.Equal(text, string.Concat(parts.Select(p => Body(p, DataCoding.Ucs2))));
    }
}
