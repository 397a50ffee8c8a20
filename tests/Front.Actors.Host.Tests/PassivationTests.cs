using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Front.Actors.Engine.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Front.Actors.Host.Tests;

/// <summary>
/// Idle entities leave memory by their shard's passivation (Cluster:IdleEntitiesAfter), not by a timer of their own,
/// and come back from the journal with their state on the next message.
/// </summary>
public sealed class PassivationTests
{
    [Fact]
    public async Task An_idle_conversation_is_stopped_by_its_shard_and_comes_back_from_the_journal()
    {
        var database = TestDatabase.Sqlite();
        await using var host = await EngineHost.StartAsync(database, new Dictionary<string, string?> { ["Cluster:IdleEntitiesAfter"] = "00:00:01" });
        var conversations = host.Services.GetRequiredService<ConversationService>();
        var region = host.Services.GetRequiredService<IRequiredActor<ConversationRegion>>().ActorRef;
        var id = ConversationIds.For("demo", "2401", "+4791234567");

        await conversations.ReceiveAsync(new ConversationCommands.Receive(id, "demo", "2401", "+4791234567", "in-1", "Hei", null, OptChange.None));
        await conversations.CommandAsync(new ConversationCommands.Claim(id, "kari"));
        Assert.True(await HoldsAsync(region, id), "the thread is in memory after its messages");

        await Poll.UntilValueAsync(async () => await HoldsAsync(region, id) ? (bool?)null : true, "the shard to stop the idle thread");
        var back = await conversations.GetAsync(id);

        Assert.Equal(("kari", 1L, 1), (back.AssignedTo, back.Messages, back.Unread));
        Assert.True(await HoldsAsync(region, id), "the thread is back in memory after a message");
    }

    private static async Task<bool> HoldsAsync(IActorRef region, string id)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Any(s => s.EntityIds.Contains(id));
    }
}
