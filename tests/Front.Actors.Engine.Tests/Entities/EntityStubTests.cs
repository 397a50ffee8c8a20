using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.Entities;

/// <summary>The conversation entity exists with their ids and journals; their features come later.</summary>
public class EntityStubTests() : TestKit(TestConfig.Patient)
{
    [Fact]
    public void A_conversation_journals_its_opening_once_and_recovers_it()
    {
        var id = ConversationActor.IdOf("acct", "2401", "+4791234567");
        var first = Sys.ActorOf(Props.Create(() => new ConversationActor(id)));
        first.Tell(new ConversationActor.Touch(id), TestActor);
        Assert.Equal(1, ExpectMsg<ConversationActor.Touched>().Events);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var again = Sys.ActorOf(Props.Create(() => new ConversationActor(id)));
        again.Tell(new ConversationActor.Touch(id), TestActor);

        Assert.Equal(1, ExpectMsg<ConversationActor.Touched>().Events);
        Assert.Equal("acct:2401:+4791234567", id);
    }

    [Fact]
    public void Persistence_ids_say_what_they_are()
    {
        Assert.Equal("conversation-a:b:c", ActorOfAsTestActorRef<ConversationActor>(Props.Create(() => new ConversationActor("a:b:c"))).UnderlyingActor.PersistenceId);
        Assert.Equal("short-number-2401", ActorOfAsTestActorRef<ShortNumberActor>(Props.Create(() => new ShortNumberActor("2401"))).UnderlyingActor.PersistenceId);
        Assert.Equal("account-acme", ActorOfAsTestActorRef<Front.Actors.Engine.Accounts.AccountActor>(Props.Create(() => new Front.Actors.Engine.Accounts.AccountActor("acme"))).UnderlyingActor.PersistenceId);
    }
}
