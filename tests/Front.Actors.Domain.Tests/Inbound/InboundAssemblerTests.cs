using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Text;

namespace Front.Actors.Domain.Tests.Inbound;

public class InboundAssemblerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly InboundAssembler<int> _assembler = new(TimeSpan.FromMinutes(2));

    private AssemblyResult<int> Part(string from, ushort reference, byte total, byte sequence, string text, DateTimeOffset? at = null, bool wide = false) =>
        _assembler.Add(from, "2401", new ConcatenationInfo(reference, total, sequence, wide), text, at ?? T0, sequence);

    [Fact]
    public void A_single_part_message_is_complete_at_once()
    {
        var result = _assembler.Add("+4791234567", "2401", null, "Hei", T0, 0);

        Assert.Equal((true, "Hei"), (result.Complete, result.Text));
        Assert.Equal(0, _assembler.Pending);
    }

    [Fact]
    public void Parts_in_order_make_the_whole_text()
    {
        Assert.False(Part("+4791234567", 7, 3, 1, "En ").Complete);
        Assert.False(Part("+4791234567", 7, 3, 2, "to ").Complete);
        var last = Part("+4791234567", 7, 3, 3, "tre");

        Assert.Equal((true, "En to tre", 3), (last.Complete, last.Text, last.PartsReceived));
        Assert.Equal(0, _assembler.Pending);
    }

    [Fact]
    public void Parts_out_of_order_and_repeated_still_make_one_text()
    {
        Part("+4791234567", 9, 3, 3, "C");
        var repeated = Part("+4791234567", 9, 3, 3, "C-again");
        Part("+4791234567", 9, 3, 1, "A");
        var last = Part("+4791234567", 9, 3, 2, "B");

        Assert.Equal(1, repeated.PartsReceived);
        Assert.Equal("ABC", last.Text);
    }

    [Fact]
    public void Messages_from_different_senders_with_the_same_reference_do_not_mix()
    {
        Part("+4791111111", 5, 2, 1, "Kari ");
        Part("+4792222222", 5, 2, 1, "Ola ");
        var ola = Part("+4792222222", 5, 2, 2, "her");
        var kari = Part("+4791111111", 5, 2, 2, "her");

        Assert.Equal(("Ola her", "Kari her"), (ola.Text, kari.Text));
    }

    [Fact]
    public void Sixteen_bit_references_work_like_eight_bit_ones()
    {
        Part("+4791234567", 40_000, 2, 1, "Lang ", wide: true);

        Assert.Equal("Lang ref", Part("+4791234567", 40_000, 2, 2, "ref", wide: true).Text);
    }

    [Fact]
    public void A_group_that_waits_too_long_is_handed_out_with_what_arrived()
    {
        Part("+4791234567", 3, 4, 1, "A", T0);
        Part("+4791234567", 3, 4, 3, "C", T0.AddSeconds(10));

        var early = _assembler.Expire(T0.AddMinutes(1));
        var expired = _assembler.Expire(T0.AddMinutes(2));

        Assert.Empty(early);
        var incomplete = Assert.Single(expired);
        Assert.Equal(("A…C…", 2, 4, T0), (incomplete.Text, incomplete.PartsReceived, incomplete.PartsTotal, incomplete.FirstPartAt));
        Assert.Equal(0, _assembler.Pending);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_part_numbered_outside_its_message_is_taken_as_it_is(byte sequence)
    {
        var result = Part("+4791234567", 1, 3, sequence, "rar del");

        Assert.Equal((true, "rar del"), (result.Complete, result.Text));
    }
}
