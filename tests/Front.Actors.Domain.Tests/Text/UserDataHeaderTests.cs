using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class UserDataHeaderTests
{
    [Fact]
    public void Eight_bit_concatenation_header_is_05_00_03_ref_total_sequence()
    {
        Assert.Equal(Hex.Bytes("05 00 03 2A 03 02"), UserDataHeader.BuildConcatenation(new ConcatenationInfo(0x2A, 3, 2)));
        Assert.Equal(6, UserDataHeader.ConcatenationHeaderLength(is16BitReference: false));
    }

    [Fact]
    public void Sixteen_bit_concatenation_header_is_06_08_04_ref_high_ref_low_total_sequence()
    {
        Assert.Equal(Hex.Bytes("06 08 04 12 34 02 01"), UserDataHeader.BuildConcatenation(new ConcatenationInfo(0x1234, 2, 1, true)));
        Assert.Equal(7, UserDataHeader.ConcatenationHeaderLength(is16BitReference: true));
    }

    [Fact]
    public void Eight_bit_concatenation_header_round_trips()
    {
        var header = UserDataHeader.BuildConcatenation(new ConcatenationInfo(0x2A, 3, 2));

        Assert.True(UserDataHeader.TryParse([.. header, 0x41], out var length, out var info));
        Assert.Equal(6, length);
        Assert.Equal(new ConcatenationInfo(0x2A, 3, 2), info);
    }

    [Fact]
    public void Sixteen_bit_concatenation_header_round_trips()
    {
        var header = UserDataHeader.BuildConcatenation(new ConcatenationInfo(0xBEEF, 2, 1, true));

        Assert.True(UserDataHeader.TryParse(header, out var length, out var info));
        Assert.Equal(7, length);
        Assert.Equal(new ConcatenationInfo(0xBEEF, 2, 1, true), info);
    }

    [Fact]
    public void Unknown_elements_before_the_concatenation_are_skipped()
    {
        // A 16-bit port-addressing element (0x05) before the concatenation element.
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("0B 05 04 0B 84 23 F0 00 03 07 02 01 41 42"), out var length, out var info));
        Assert.Equal(12, length);
        Assert.Equal(new ConcatenationInfo(7, 2, 1), info);
    }

    [Fact]
    public void Unknown_elements_after_the_concatenation_are_skipped()
    {
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("08 08 04 01 02 03 01 70 00"), out var length, out var info));
        Assert.Equal(9, length);
        Assert.Equal(new ConcatenationInfo(0x0102, 3, 1, true), info);
    }

    [Fact]
    public void A_header_without_a_concatenation_element_has_a_length_and_no_concatenation()
    {
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("06 05 04 0B 84 23 F0 CA FE"), out var length, out var info));
        Assert.Equal(7, length);
        Assert.Null(info);
    }

    [Fact]
    public void An_empty_header_is_just_its_length_octet()
    {
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("00 41"), out var length, out var info));
        Assert.Equal(1, length);
        Assert.Null(info);
    }

    [Fact]
    public void A_concatenation_element_of_the_wrong_length_is_ignored()
    {
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("04 00 02 01 02"), out var length, out var info));
        Assert.Equal(5, length);
        Assert.Null(info);
    }

    [Theory]
    [InlineData("05 00 03 01 00 01")]        // total 0
    [InlineData("05 00 03 01 02 00")]        // sequence 0
    [InlineData("05 00 03 01 02 03")]        // sequence beyond total
    [InlineData("06 08 04 01 02 00 01")]     // 16-bit, total 0
    [InlineData("06 08 04 01 02 02 03")]     // 16-bit, sequence beyond total
    public void Impossible_concatenation_values_give_no_concatenation_but_keep_the_header_length(string hex)
    {
        var bytes = Hex.Bytes(hex);

        Assert.True(UserDataHeader.TryParse(bytes, out var length, out var info));
        Assert.Equal(bytes.Length, length);
        Assert.Null(info);
    }

    [Theory]
    [InlineData("")]                         // no UDHL
    [InlineData("09 00 03 01 02 01")]        // header runs past the message
    [InlineData("04 00 03 01 02")]           // element runs past the header
    [InlineData("01 00")]                    // element has no length octet
    [InlineData("07 05 04 0B 84 23 F0 00")]  // second element has no length octet
    public void Malformed_headers_are_refused(string hex)
    {
        Assert.False(UserDataHeader.TryParse(Hex.Bytes(hex), out var length, out var info));
        Assert.Equal(0, length);
        Assert.Null(info);
    }
}
