using System.Threading.Channels;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>
/// One read of the journal serves every follower (real SQL journal on a SQLite file): each gets exactly its own events,
/// once and in journal order, including one that joins while the tail is already past its events, and one that has
/// applied some of them before.
/// </summary>
public sealed class JournalTailTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ActorSystem _system = SqlJournalSystem.Create("tail").System;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task Followers_get_their_own_events_once_and_in_order_whenever_they_join()
    {
        var alpha = _system.ActorOf(Props.Create(() => new Journaling("alpha-1")));
        var beta = _system.ActorOf(Props.Create(() => new Journaling("beta-1")));
        await JournalAsync(alpha, "a1", "a2", "a3");
        await JournalAsync(beta, "b1", "b2");

        var first = new Follower();
        using var following = JournalTail.For(_system).Follow("alpha", "alpha-", 0, first.ApplyAsync);
        Assert.Equal(["a1", "a2", "a3"], await first.TakeAsync(3));

        await JournalAsync(alpha, "a4");
        await JournalAsync(beta, "b3");
        Assert.Equal(["a4"], await first.TakeAsync(1)); // the tail has handed out b3 too: it is past every beta event now

        var late = new Follower();
        using var lateFollowing = JournalTail.For(_system).Follow("beta", "beta-", 0, late.ApplyAsync);
        Assert.Equal(["b1", "b2", "b3"], await late.TakeAsync(3));

        await JournalAsync(beta, "b4");
        await JournalAsync(alpha, "a5");
        Assert.Equal(["b4"], await late.TakeAsync(1));
        Assert.Equal(["a5"], await first.TakeAsync(1));

        // One that has applied events already (here every beta event so far) starts after them.
        var ahead = new Follower();
        var aheadAt = late.LastOffset;
        await JournalAsync(beta, "b5");
        using var aheadFollowing = JournalTail.For(_system).Follow("beta-2", "beta-", aheadAt, ahead.ApplyAsync);
        Assert.Equal(["b5"], await ahead.TakeAsync(1));
        Assert.Equal(["b5"], await late.TakeAsync(1));

        Assert.Equal((0, 0, 0), (first.Extra, late.Extra, ahead.Extra));
    }

    private static async Task JournalAsync(IActorRef entity, params string[] events)
    {
        foreach (var e in events)
            Assert.Equal(e, await entity.Ask<string>(e, Timeout));
    }

    /// <summary>Collects what the tail hands out, in order.</summary>
    private sealed class Follower
    {
        private readonly Channel<string> _events = Channel.CreateUnbounded<string>();

        public long LastOffset { get; private set; }

        public int Extra => _events.Reader.Count;

        public Task ApplyAsync(IReadOnlyList<EventEnvelope> envelopes, long offset)
        {
            foreach (var envelope in envelopes)
                _events.Writer.TryWrite((string)envelope.Event);
            LastOffset = ((Sequence)envelopes[^1].Offset).Value;
            return Task.CompletedTask;
        }

        public async Task<List<string>> TakeAsync(int count)
        {
            using var cts = new CancellationTokenSource(Timeout);
            var taken = new List<string>();
            while (taken.Count < count)
                taken.Add(await _events.Reader.ReadAsync(cts.Token));
            return taken;
        }
    }

    /// <summary>Journals each string it is sent under its persistence id, and answers it once stored.</summary>
    private sealed class Journaling : ReceivePersistentActor
    {
        public override string PersistenceId { get; }

        public Journaling(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<string>(text => Persist(text, stored => Sender.Tell(stored)));
            Recover<string>(_ => { });
        }
    }
}
