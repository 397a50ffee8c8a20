using Front.Actors.Smpp.Receipts;

namespace Front.Actors.SmscSimulator.Tests;

public class ReceiptOutcomeMixTests
{
    [Theory]
    [InlineData(0.00, MessageState.Delivered)]
    [InlineData(0.49, MessageState.Delivered)]
    [InlineData(0.50, MessageState.Undeliverable)]
    [InlineData(0.74, MessageState.Undeliverable)]
    [InlineData(0.75, MessageState.Expired)]
    [InlineData(0.99, MessageState.Expired)]
    public void A_uniform_draw_picks_the_outcome_whose_share_it_falls_in(double draw, MessageState expected)
    {
        Assert.Equal(expected, new ReceiptOutcomeMix(2, 1, 1).Pick(draw));
    }

    [Fact]
    public void Weights_of_zero_everywhere_mean_delivered()
    {
        Assert.Equal(MessageState.Delivered, new ReceiptOutcomeMix(0, 0, 0).Pick(0.5));
    }
}
