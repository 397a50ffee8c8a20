using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Engine.Tests.Pipeline;

public class ReceiptCorrelatorTests
{
    private static readonly PartRef Part = new("msg_1", "acct", 1, 1);

    [Fact]
    public async Task A_registered_part_is_found()
    {
        var correlator = new ReceiptCorrelator();
        correlator.Register("telenor", "42", Part);

        Assert.Equal(Part, await correlator.FindAsync("telenor", "42", TimeSpan.Zero));
    }

    [Fact]
    public async Task A_receipt_that_overtakes_the_registration_waits_for_it()
    {
        var correlator = new ReceiptCorrelator();

        var finding = correlator.FindAsync("telenor", "42", TimeSpan.FromSeconds(30));
        Assert.False(finding.IsCompleted);
        correlator.Register("telenor", "42", Part);

        Assert.Equal(Part, await finding);
    }

    [Fact]
    public async Task The_same_key_on_another_bind_is_another_part()
    {
        var correlator = new ReceiptCorrelator();
        correlator.Register("telenor", "42", Part);

        Assert.Null(await correlator.FindAsync("telia", "42", TimeSpan.Zero));
    }
}
