using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Conversations;
using static Front.Actors.Engine.Conversations.ConversationCommands;
using Receive = Front.Actors.Engine.Conversations.ConversationCommands.Receive;

namespace Front.Actors.Engine.Tests.Conversations;

public class ConversationActorTests() : TestKit(TestConfig.Patient)
{
    private const string Account = "acme";
    private const string Ours = "2401";
    private const string Contact = "+4791234567";
    private int _messages;

    private static string Id(string contact = Contact) => ConversationIds.For(Account, Ours, contact);

    private IActorRef Conversation(string id) => Sys.ActorOf(Props.Create(() => new ConversationActor(id)));

    private ConversationReplies.Changed Ask(IActorRef conversation, object command)
    {
        conversation.Tell(command, TestActor);
        return ExpectMsg<ConversationReplies.Changed>();
    }

    private ConversationReplies.Refused Refused(IActorRef conversation, object command)
    {
        conversation.Tell(command, TestActor);
        return ExpectMsg<ConversationReplies.Refused>();
    }

    private Receive Inbound(string id, string text, OptChange opt = OptChange.None) =>
        new(id, Account, Ours, Contact, $"in-{++_messages}", text, null, opt);

    private IActorRef Restart(IActorRef conversation, string id)
    {
        Watch(conversation);
        Sys.Stop(conversation);
        ExpectTerminated(conversation);
        return Conversation(id);
    }

    [Fact]
    public void A_message_handed_to_the_thread_again_after_a_crash_is_not_journaled_twice_even_after_a_restart()
    {
        var id = Id();
        var conversation = Conversation(id);
        var message = Inbound(id, "Hei");
        Ask(conversation, message);
        Ask(conversation, new RecordReply(id, "m1", "Hei selv", "kari"));

        conversation = Restart(conversation, id);
        var again = Ask(conversation, message);
        var replyAgain = Ask(conversation, new RecordReply(id, "m1", "Hei selv", "kari"));

        Assert.Equal((true, 0), (again.AlreadyHad, again.Events.Count));
        Assert.Equal((true, 0), (replyAgain.AlreadyHad, replyAgain.Events.Count));
        Assert.Equal(2L, replyAgain.State.Messages);
    }

    [Fact]
    public void The_first_inbound_message_opens_the_thread_and_counts_as_unread()
    {
        var id = Id();
        var conversation = Conversation(id);

        var first = Ask(conversation, Inbound(id, "Hei"));
        var second = Ask(conversation, Inbound(id, "Er dere åpne?"));

        Assert.IsType<ConversationEvents.Opened>(first.Events[0]);
        Assert.Single(second.Events);
        Assert.Equal((Account, Ours, Contact, 2L, 2, "Er dere åpne?"),
            (second.State.AccountId, second.State.OurNumber, second.State.Contact, second.State.Messages, second.State.Unread, second.State.LastMessage));
    }

    [Fact]
    public void Messages_and_replies_are_journaled_in_the_order_they_came_and_a_reply_clears_unread()
    {
        var id = Id("+4791000001");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000001", "in-a", "1", null, OptChange.None));

        // Sent without waiting for answers: the mailbox keeps the order.
        conversation.Tell(new Receive(id, Account, Ours, "+4791000001", "in-b", "2", null, OptChange.None), TestActor);
        conversation.Tell(new RecordReply(id, "out-c", "3", "kari"), TestActor);
        conversation.Tell(new Receive(id, Account, Ours, "+4791000001", "in-d", "4", null, OptChange.None), TestActor);
        var texts = Enumerable.Range(0, 3).Select(_ => ExpectMsg<ConversationReplies.Changed>()).ToList();

        Assert.Equal(["2", "3", "4"], texts.Select(c => c.State.LastMessage));
        Assert.Equal(1, texts[^1].State.Unread);
        Assert.Equal(4, texts[^1].State.Messages);
    }

    [Fact]
    public void An_agent_claims_releases_and_transfers_and_a_second_claim_is_refused()
    {
        var id = Id("+4791000002");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000002", "in-1", "Hei", null, OptChange.None));

        var claimed = Ask(conversation, new Claim(id, "kari"));
        var taken = Refused(conversation, new Claim(id, "ola"));
        var notHers = Refused(conversation, new Transfer(id, "ola", "per"));
        var transferred = Ask(conversation, new Transfer(id, "kari", "ola"));
        var released = Ask(conversation, new Release(id, "ola"));
        var nothingToRelease = Refused(conversation, new Release(id, "ola"));

        Assert.Equal("kari", claimed.State.AssignedTo);
        Assert.True(taken.Conflict);
        Assert.Contains("assigned to kari", taken.Reason);
        Assert.Contains("assigned to kari", notHers.Reason);
        Assert.Equal("ola", transferred.State.AssignedTo);
        Assert.Null(released.State.AssignedTo);
        Assert.Contains("not assigned", nothingToRelease.Reason);
    }

    [Fact]
    public void Round_robin_assignment_never_takes_a_thread_from_its_agent()
    {
        var id = Id("+4791000003");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000003", "in-1", "Hei", null, OptChange.None));
        Ask(conversation, new Claim(id, "kari"));

        var offered = Ask(conversation, new AssignIfFree(id, "ola", "round-robin"));

        Assert.Empty(offered.Events);
        Assert.Equal("kari", offered.State.AssignedTo);
    }

    [Fact]
    public void A_stop_word_opts_the_contact_out_and_start_opts_back_in()
    {
        var id = Id("+4791000004");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000004", "in-1", "Hei", null, OptChange.None));

        var stopped = Ask(conversation, new Receive(id, Account, Ours, "+4791000004", "in-2", "STOPP", null, OptChange.OptOut));
        var stoppedAgain = Ask(conversation, new Receive(id, Account, Ours, "+4791000004", "in-3", "stop", null, OptChange.OptOut));
        var started = Ask(conversation, new Receive(id, Account, Ours, "+4791000004", "in-4", "START", null, OptChange.OptIn));

        Assert.True(stopped.State.OptedOut);
        Assert.Contains(stopped.Events, e => e is ConversationEvents.OptedOut { Word: "STOPP" });
        Assert.Contains("opted out", stopped.State.RefuseReply());
        Assert.DoesNotContain(stoppedAgain.Events, e => e is ConversationEvents.OptedOut);
        Assert.False(started.State.OptedOut);
    }

    [Fact]
    public void A_stop_word_after_a_keyword_is_journaled_as_the_stop_word()
    {
        var id = Id("+4791000014");
        var conversation = Conversation(id);

        var stopped = Ask(conversation, new Receive(id, Account, Ours, "+4791000014", "in-1", "demo stopp", "DEMO", OptChange.OptOut, OptWord: "STOPP"));

        Assert.Contains(stopped.Events, e => e is ConversationEvents.OptedOut { Word: "STOPP" });
    }

    [Fact]
    public void A_thread_follows_an_opt_out_or_opt_in_said_in_another_thread_of_the_account_and_a_missing_one_refuses()
    {
        var id = Id("+4791000015");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000015", "in-1", "Hei", null, OptChange.None));

        var followedOut = Ask(conversation, new ConversationCommands.FollowOpt(id, OptChange.OptOut, "STOPP"));
        var again = Ask(conversation, new ConversationCommands.FollowOpt(id, OptChange.OptOut, "STOPP"));
        var followedIn = Ask(conversation, new ConversationCommands.FollowOpt(id, OptChange.OptIn, "START"));
        var missing = Refused(Conversation(Id("+4791000016")), new ConversationCommands.FollowOpt(Id("+4791000016"), OptChange.OptIn, "START"));

        Assert.True(followedOut.State.OptedOut);
        Assert.Single(followedOut.Events, e => e is ConversationEvents.OptedOut);
        Assert.Empty(again.Events);
        Assert.Equal((false, 1L), (followedIn.State.OptedOut, followedIn.State.Messages));
        Assert.False(missing.Conflict);
    }

    [Fact]
    public void A_closed_thread_reopens_when_the_contact_writes_again()
    {
        var id = Id("+4791000005");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000005", "in-1", "Hei", null, OptChange.None));
        var closed = Ask(conversation, new Close(id, "kari"));

        var reopened = Ask(conversation, new Receive(id, Account, Ours, "+4791000005", "in-2", "Hallo igjen", null, OptChange.None));

        Assert.True(closed.State.Closed);
        Assert.False(reopened.State.Closed);
        Assert.IsType<ConversationEvents.Reopened>(reopened.Events[0]);
    }

    [Fact]
    public void Assignment_unread_and_opt_out_survive_a_restart()
    {
        var id = Id("+4791000006");
        var conversation = Conversation(id);
        Ask(conversation, new Receive(id, Account, Ours, "+4791000006", "in-1", "Hei", null, OptChange.None));
        Ask(conversation, new Claim(id, "kari"));
        Ask(conversation, new Receive(id, Account, Ours, "+4791000006", "in-2", "STOPP", null, OptChange.OptOut));

        var state = Ask(Restart(conversation, id), new Get(id)).State;

        Assert.Equal(("kari", 2, true, 2L), (state.AssignedTo, state.Unread, state.OptedOut, state.Messages));
    }

    [Fact]
    public void An_idle_thread_asks_to_be_passivated_and_comes_back_from_the_journal()
    {
        var id = Id("+4791000008");
        // The test actor stands in for the shard: it is the parent that receives Passivate.
        var conversation = ChildActorOf(Props.Create(() => new ConversationActor(id, TimeSpan.FromMilliseconds(200))));
        conversation.Tell(new Receive(id, Account, Ours, "+4791000008", "in-1", "Hei", null, OptChange.None), TestActor);
        conversation.Tell(new Claim(id, "kari"), TestActor);
        // Two answers and, once idle, the request to passivate; on a slow machine the request may come first.
        var received = new List<object>();
        while (received.OfType<ConversationReplies.Changed>().Count() < 2 || !received.OfType<Akka.Cluster.Sharding.Passivate>().Any())
            received.Add(ReceiveOne() ?? throw new TimeoutException("the conversation went quiet"));
        var passivate = received.OfType<Akka.Cluster.Sharding.Passivate>().First();
        Watch(conversation);
        conversation.Tell(passivate.StopMessage);
        FishForMessage(m => m is Terminated t && t.ActorRef.Equals(conversation)); // more Passivate requests may come first
        var back = Ask(Conversation(id), new Get(id)).State;

        Assert.Equal(("kari", 1L, 1), (back.AssignedTo, back.Messages, back.Unread));
    }

    [Fact]
    public void Commands_for_a_thread_that_does_not_exist_are_refused_as_not_found()
    {
        var id = Id("+4791000007");
        var conversation = Conversation(id);

        var refused = Refused(conversation, new Claim(id, "kari"));

        Assert.False(refused.Conflict);
    }

    [Fact]
    public void Ids_are_stable_and_distinct_per_account_number_and_contact()
    {
        Assert.Equal(ConversationIds.For("a", "2401", "+4791234567"), ConversationIds.For("a", "2401", "+4791234567"));
        Assert.NotEqual(ConversationIds.For("a", "2401", "+4791234567"), ConversationIds.For("b", "2401", "+4791234567"));
        Assert.NotEqual(ConversationIds.For("a", "2401", "+4791234567"), ConversationIds.For("a", "2402", "+4791234567"));
        Assert.Equal("conversation-c_1", ActorOfAsTestActorRef<ConversationActor>(Props.Create(() => new ConversationActor("c_1"))).UnderlyingActor.PersistenceId);
    }
}
