using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;

namespace Front.Actors.Engine.Tests.Pipeline;

public class SuspensionGateTests
{
    private static OutboundMessage Message(string id, string account)
    {
        Sender.TryParse("Front", out var sender, out _);
        MobileNumberParser.TryParse("+4791234567", out var to, out _);
        return new OutboundMessage(id, account, sender!, to!, MessageText.Analyze("Hei"), null);
    }

    [Fact]
    public void A_suspended_accounts_messages_are_parked_and_handed_back_in_order_on_resume()
    {
        var gate = new SuspensionGate();
        gate.Suspend("a");

        Assert.True(gate.TryPark(Message("m1", "a")));
        Assert.False(gate.TryPark(Message("m2", "b")));
        Assert.True(gate.TryPark(Message("m3", "a")));
        Assert.Equal(2, gate.Parked);
        Assert.Equal(["m1", "m3"], gate.Resume("a").Select(m => m.Id));
        Assert.False(gate.TryPark(Message("m4", "a")));
        Assert.Equal(0, gate.Parked);
    }

    [Fact]
    public void A_suspension_stored_by_another_node_is_taken_and_its_lifting_releases_what_was_parked()
    {
        var gate = new SuspensionGate();

        Assert.Empty(gate.Sync(new HashSet<string> { "a" }, gate.Version));
        Assert.True(gate.TryPark(Message("m1", "a")));
        Assert.Equal(["m1"], gate.Sync(new HashSet<string>(), gate.Version).Select(m => m.Id));
        Assert.False(gate.IsSuspended("a"));
    }

    [Fact]
    public void A_database_read_older_than_a_suspension_made_here_does_not_lift_it()
    {
        var gate = new SuspensionGate();
        var readAt = gate.Version; // the read starts, then this node suspends the account

        gate.Suspend("a");
        gate.Sync(new HashSet<string>(), readAt);

        Assert.True(gate.IsSuspended("a"));
    }
}
