using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>
/// The engine's journal writer (<see cref="Front.Actors.Engine.Persistence.GroupCommitJournal"/>) on a real SQLite file:
/// what it writes concurrently is what the plugin's own replay and query read back, in each entity's order, and a write
/// that cannot be stored fails only its own entity's events.
/// </summary>
public sealed class GroupCommitJournalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Events_written_by_many_entities_at_once_are_replayed_and_queried_in_each_entitys_order()
    {
        var (_, system) = SqlJournalSystem.Create("group-commit");
        const int threads = 40, messages = 15;
        Task<ConversationReplies.IReply> Receive(IActorRef thread, int t, int m) =>
            thread.Ask<ConversationReplies.IReply>(new ConversationCommands.Receive($"c{t}", "acme", "2401", $"+47912{t:D5}", $"m{t}-{m}", $"Hei {m}", null, OptChange.None), Timeout);
        try
        {
            var actors = Enumerable.Range(0, threads).Select(t => system.ActorOf(Props.Create(() => new ConversationActor($"c{t}")))).ToList();
            // Every thread's messages are asked at once: the writer gets many entities' writes while one commits.
            for (var m = 0; m < messages; m++)
                await Task.WhenAll(actors.Select((a, t) => Receive(a, t, m)));
            foreach (var actor in actors)
                await actor.GracefulStop(Timeout);

            // A new incarnation of each entity replays what was written.
            for (var t = 0; t < threads; t++)
            {
                var again = system.ActorOf(Props.Create(() => new ConversationActor($"c{t}")));
                var state = Assert.IsType<ConversationReplies.Changed>(await again.Ask<ConversationReplies.IReply>(new ConversationCommands.Get($"c{t}"), Timeout)).State;
                Assert.Equal(messages, state.Messages);
                Assert.Equal($"Hei {messages - 1}", state.LastMessage);
            }

            // The query side reads every event once, in increasing offsets, each entity's in sequence order.
            var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var events = await journal.CurrentAllEvents(Offset.NoOffset()).RunAggregate(new List<EventEnvelope>(), (all, e) => { all.Add(e); return all; }, system.Materializer());
            Assert.Equal(threads * (messages + 1), events.Count); // each thread: Opened, then its messages
            Assert.Equal(events.Select(e => ((Sequence)e.Offset).Value).Order(), events.Select(e => ((Sequence)e.Offset).Value));
            foreach (var thread in events.GroupBy(e => e.PersistenceId))
                Assert.Equal(Enumerable.Range(1, messages + 1).Select(n => (long)n), thread.Select(e => e.SequenceNr));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_write_that_cannot_be_stored_fails_its_own_events_and_not_those_committed_with_it()
    {
        var (_, system) = SqlJournalSystem.Create("group-commit-failure");
        try
        {
            var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
            var probe = new TestProbe(system, new XunitAssertions());
            AtomicWrite Write(string id, long seq) =>
                new(new Persistent(new ConversationEvents.MarkedRead("kari", DateTimeOffset.UtcNow), seq, id, writerGuid: "test", sender: ActorRefs.NoSender));

            journal.Tell(new WriteMessages([Write("conversation-a", 1)], probe.Ref, 1));
            probe.ExpectMsg<WriteMessagesSuccessful>(Timeout);
            probe.ExpectMsg<WriteMessageSuccess>(Timeout);

            // Sequence number 1 of "a" again (a second writer of one entity) and a fresh write of "b", sent together.
            journal.Tell(new WriteMessages([Write("conversation-a", 1)], probe.Ref, 1));
            journal.Tell(new WriteMessages([Write("conversation-b", 1)], probe.Ref, 1));
            var replies = probe.ReceiveN(4, Timeout).ToList();
            Assert.Contains(replies, r => r is WriteMessagesFailed);
            Assert.Contains(replies, r => r is WriteMessageFailure { Persistent.PersistenceId: "conversation-a" });
            Assert.Contains(replies, r => r is WriteMessageSuccess { Persistent.PersistenceId: "conversation-b" });

            var highest = new TestProbe(system, new XunitAssertions());
            journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, "conversation-b", highest.Ref));
            highest.ExpectMsg<ReplayedMessage>(Timeout);
            Assert.Equal(1, highest.ExpectMsg<RecoverySuccess>(Timeout).HighestSequenceNr);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
