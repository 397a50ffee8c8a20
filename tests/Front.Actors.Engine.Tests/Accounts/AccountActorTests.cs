using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Accounts;

namespace Front.Actors.Engine.Tests.Accounts;

public class AccountActorTests : TestKit
{
    [Fact]
    public void Admitting_messages_adds_to_the_months_volume()
    {
        var account = Sys.ActorOf(Props.Create(() => new AccountActor("a1")));

        account.Tell(new AccountCommands.Admit("a1", 2, 6), TestActor);
        var first = ExpectMsg<AccountReplies.Admitted>();
        account.Tell(new AccountCommands.Admit("a1", 1, 1), TestActor);
        var second = ExpectMsg<AccountReplies.Admitted>();

        Assert.Equal((2, 6), (first.MonthMessages, first.MonthSegments));
        Assert.Equal((3, 7), (second.MonthMessages, second.MonthSegments));
    }

    [Fact]
    public void The_volume_survives_a_restart_of_the_entity()
    {
        var account = Sys.ActorOf(Props.Create(() => new AccountActor("a2")));
        account.Tell(new AccountCommands.Admit("a2", 5, 10), TestActor);
        ExpectMsg<AccountReplies.Admitted>();
        Watch(account);
        Sys.Stop(account);
        ExpectTerminated(account);

        var again = Sys.ActorOf(Props.Create(() => new AccountActor("a2")));
        again.Tell(new AccountCommands.GetUsage("a2"), TestActor);

        var usage = ExpectMsg<AccountReplies.Usage>();
        Assert.Equal((5, 10), (usage.MonthMessages, usage.MonthSegments));
    }

    [Fact]
    public void A_new_month_starts_from_zero()
    {
        var state = AccountState.Empty
            .Apply(new AccountEvents.MessagesAdmitted(3, 3, "2026-10"))
            .Apply(new AccountEvents.MessagesAdmitted(1, 2, "2026-11"));

        Assert.Equal(new AccountState("2026-11", 1, 2), state);
    }

    [Fact]
    public void Commands_are_routed_by_account_id()
    {
        var extractor = new AccountMessageExtractor();

        Assert.Equal("acme", extractor.EntityId(new AccountCommands.Admit("acme", 1, 1)));
        Assert.Equal("acme", extractor.EntityId(new AccountCommands.GetUsage("acme")));
        Assert.Equal(extractor.ShardId("acme", null), extractor.ShardId("acme", new AccountCommands.GetUsage("acme")));
    }
}
