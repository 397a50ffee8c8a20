using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Text;

public class UserDataHeaderTests
{
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
        var header = UserDataHeader.BuildConcatenation(new ConcatenationInfo(0x1234, 2, 1, true));

        Assert.True(UserDataHeader.TryParse(header, out var length, out var info));
        Assert.Equal(7, length);
        Assert.Equal(new ConcatenationInfo(0x1234, 2, 1, true), info);
    }

    [Fact]
    public void Unknown_elements_are_skipped()
    {
        // A port-addressing element (0x05) before the concatenation element.
        Assert.True(UserDataHeader.TryParse(Hex.Bytes("0B 05 04 0B 84 23 F0 00 03 07 02 01"), out var length, out var info));
        Assert.Equal(12, length);
        Assert.Equal(new ConcatenationInfo(7, 2, 1), info);
    }

    [Theory]
    [InlineData("05 00 03 01 00 01")] // total 0
    [InlineData("05 00 03 01 02 00")] // sequence 0
    [InlineData("05 00 03 01 02 03")] // sequence beyond total
    public void Impossible_concatenation_values_give_no_concatenation(string hex)
    {
        Assert.True(UserDataHeader.TryParse(Hex.Bytes(hex), out _, out var info));
        Assert.Null(info);
    }

    [Theory]
    [InlineData("")]
    [InlineData("09 00 03 01 02 01")]   // header runs past the message
    [InlineData("04 00 03 01 02")]      // element runs past the header
    public void Malformed_headers_are_refused(string hex)
    {
        Assert.False(UserDataHeader.TryParse(Hex.Bytes(hex), out _, out _));
    }
}
