using SmppCoding = Front.Actors.Smpp.Protocol.DataCoding;
using TextCoding = Front.Actors.Domain.Text.DataCoding;

namespace Front.Actors.Smpp.Tests.Codec;

public class DataCodingTests
{
    // The engine and the simulator cast between the two; a value added to one and not the other would cast silently wrong.
    [Fact]
    public void The_wire_enum_and_the_text_codec_enum_name_the_same_octets()
    {
        var wire = Enum.GetValues<SmppCoding>().ToDictionary(v => v.ToString(), v => (byte)v);
        var text = Enum.GetValues<TextCoding>().ToDictionary(v => v.ToString(), v => (byte)v);

        Assert.Equal(text.OrderBy(p => p.Key), wire.OrderBy(p => p.Key));
    }
}
