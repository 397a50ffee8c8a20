using Front.Actors.Domain.Inbound;

namespace Front.Actors.Domain.Tests.Inbound;

public class LongMessagePartsTests
{
    [Fact]
    public void Parts_are_joined_in_their_order_whatever_order_they_came_in()
    {
        var joined = LongMessageParts.Join(3, [(3, "c"), (1, "a"), (2, "b")]);

        Assert.Equal(new LongMessageParts.Joined("abc", true, 3, 3), joined);
    }

    [Fact]
    public void A_part_that_came_twice_counts_once() =>
        Assert.Equal(new LongMessageParts.Joined("ab", true, 2, 2), LongMessageParts.Join(2, [(1, "a"), (1, "a"), (2, "b")]));

    [Fact]
    public void Missing_parts_show_as_an_ellipsis_where_they_belong()
    {
        Assert.Equal("a…c", LongMessageParts.Join(3, [(1, "a"), (3, "c")]).Text);
        Assert.Equal("…b…", LongMessageParts.Join(3, [(2, "b")]).Text);
        Assert.False(LongMessageParts.Join(3, [(2, "b")]).Complete);
    }

    [Fact]
    public void A_sequence_outside_the_message_is_ignored() =>
        Assert.Equal(new LongMessageParts.Joined("a…", false, 1, 2), LongMessageParts.Join(2, [(1, "a"), (0, "x"), (3, "y")]));
}
