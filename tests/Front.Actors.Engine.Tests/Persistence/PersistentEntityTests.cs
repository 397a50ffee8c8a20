using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Serialization;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>
/// The skeleton every entity shares, on a tally that only adds: replies after the journal, snapshots every
/// N events, recovery from the latest snapshot plus the events after it.
/// </summary>
public class PersistentEntityTests() : TestKit(TestConfig.Patient + """

    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """)
{
    public sealed record Tally(long Total, long Events) : IPersisted;

    public sealed record Added(int Amount) : IPersisted;

    /// <summary>The tally as this incarnation has it, and how many events it applied itself (recovery included).</summary>
    public sealed record Seen(Tally State, int Applied);

    public sealed record Add(params int[] Amounts);

    public sealed record AddAhead(int Amount);

    public sealed record Get;

    private sealed class TallyEntity : PersistentEntity<Tally, Added>
    {
        private int _applied;

        public TallyEntity(string id, int snapshotEvery) : base($"tally-{id}", new Tally(0, 0), snapshotEvery, TimeSpan.FromMinutes(2))
        {
            Command<Add>(add => PersistAndReply(add.Amounts.Select(a => new Added(a)).ToList(), Reply));
            Command<AddAhead>(add => ApplyAndPersistAsync(new Added(add.Amount), Reply));
            Command<Get>(_ => Sender.Tell(Reply(State)));
        }

        private Seen Reply(Tally state) => new(state, _applied);

        protected override Tally Apply(Tally state, Added @event)
        {
            _applied++;
            return new Tally(state.Total + @event.Amount, state.Events + 1);
        }
    }

    private IActorRef Entity(string id, int snapshotEvery) => Sys.ActorOf(Props.Create(() => new TallyEntity(id, snapshotEvery)));

    private IActorRef Restart(IActorRef entity, string id, int snapshotEvery)
    {
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        return Entity(id, snapshotEvery);
    }

    private Seen Ask(IActorRef entity, object command)
    {
        entity.Tell(command, TestActor);
        return ExpectMsg<Seen>();
    }

    [Fact]
    public void Several_events_are_journaled_together_and_answered_once_with_the_state_after_the_last()
    {
        var tally = Entity("batch", snapshotEvery: 100);

        var seen = Ask(tally, new Add(1, 2, 3));
        var next = Ask(tally, new Add(4));

        Assert.Equal(new Tally(6, 3), seen.State);
        Assert.Equal(new Tally(10, 4), next.State); // one reply for three events: the next one is the next command's
    }

    [Fact]
    public void No_events_are_answered_at_once_with_the_state_as_it_is()
    {
        var tally = Entity("nothing", snapshotEvery: 100);
        Ask(tally, new Add(5));

        Assert.Equal(new Tally(5, 1), Ask(tally, new Add()).State);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot_and_applies_only_the_events_after_it()
    {
        var tally = Entity("snap", snapshotEvery: 3);
        for (var i = 1; i <= 7; i++)
            Ask(tally, new Add(i));

        var seen = Ask(Restart(tally, "snap", 3), new Get());

        Assert.Equal(new Tally(28, 7), seen.State);
        Assert.Equal(1, seen.Applied); // the snapshot at 6, then event 7
    }

    [Fact]
    public void A_batch_that_passes_a_multiple_of_the_interval_snapshots_after_its_last_event()
    {
        var tally = Entity("crossing", snapshotEvery: 3);
        Ask(tally, new Add(1, 1));
        Ask(tally, new Add(1, 1)); // events 3 and 4: the journal passed 3

        var seen = Ask(Restart(tally, "crossing", 3), new Get());

        Assert.Equal((new Tally(4, 4), 0), (seen.State, seen.Applied));
    }

    [Fact]
    public void Events_applied_ahead_of_the_journal_are_never_snapshotted_before_they_are_journaled()
    {
        const int sends = 58; // not a multiple of the interval: the latest snapshot is taken while later sends are in flight
        var tally = Entity("ahead", snapshotEvery: 5);

        // Told without waiting, so later ones are applied while earlier ones are still being written.
        for (var i = 0; i < sends; i++)
            tally.Tell(new AddAhead(1), TestActor);
        var replies = ReceiveN(sends).Cast<Seen>().ToList();
        var seen = Ask(Restart(tally, "ahead", 5), new Get());

        Assert.Equal(Enumerable.Range(1, sends).Select(n => (long)n), replies.Select(r => r.State.Total));
        Assert.Equal(new Tally(sends, sends), seen.State); // a snapshot holding unjournaled events would count them twice
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_entity_lets_go_of_the_ask_it_answered_while_it_waits_for_its_next_command(bool ahead)
    {
        var entity = Entity("forgets-" + ahead, snapshotEvery: 100);

        // The ask's task is held by its temporary actor; the actor cell keeps the last sender until the next message.
        var asked = await AskedAndAnsweredAsync(entity, ahead ? new AddAhead(1) : new Add(1));

        await this.AwaitCollectedAsync(asked, "the entity still holds the answered ask");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> AskedAndAnsweredAsync(IActorRef entity, object command)
    {
        var ask = entity.Ask<Seen>(command, TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await ask).State.Total);
        return new WeakReference(ask);
    }
}

