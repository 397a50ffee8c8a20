using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>
/// What an entity journaled is not kept by the list Akka.Persistence handed to the journal: collections of the young
/// generations alone free it, even when the entity had waited long enough between writes for that list to grow old.
/// </summary>
public sealed class JournalBatchRenewalTests : TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public JournalBatchRenewalTests() : base(SqlJournalSystem.Create("renewal").System)
    {
    }

    [Fact]
    public void This_akka_persistence_still_has_the_list_that_is_renewed()
    {
        Assert.True(JournalBatchRenewal.Supported, "Eventsourced._journalBatch is gone: see JournalBatchRenewal, and whether Akka.Persistence still needs it");
    }

    [Fact]
    public async Task An_event_written_after_a_wait_is_freed_by_a_young_collection_once_its_write_is_answered()
    {
        var thread = Sys.ActorOf(Props.Create(() => new ConversationActor("c1")));
        await ReceiveAsync(thread, "c1", "m1", keyword: null);
        // The wait of a chat thread: the list Akka allocated after that write is promoted to the oldest generation.
        GC.Collect();
        GC.Collect();

        var keyword = await WrittenKeywordAsync(thread);
        // Another entity's write, so that the journal's own actors hold its messages, not the first's.
        await ReceiveAsync(Sys.ActorOf(Props.Create(() => new ConversationActor("c2"))), "c2", "m1", keyword: null);

        await AwaitAssertAsync(() =>
        {
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            Assert.False(keyword.IsAlive, "an old, dead journal batch list still keeps the written event");
        }, TimeSpan.FromSeconds(5));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> WrittenKeywordAsync(IActorRef thread)
    {
        var keyword = new string('K', 64); // only the event holds it: the thread's state keeps no keyword
        await ReceiveAsync(thread, "c1", "m2", keyword);
        return new WeakReference(keyword);
    }

    private static async Task ReceiveAsync(IActorRef thread, string id, string messageId, string? keyword)
    {
        var reply = await thread.AskEntityAsync<ConversationReplies.IReply>(
            new ConversationCommands.Receive(id, "acme", "2401", "+4791234567", messageId, "Hei", keyword, OptChange.None), Timeout);
        Assert.IsType<ConversationReplies.Changed>(reply);
    }
}
