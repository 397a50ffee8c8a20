using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>The ask the services put to entities: answers, failures, time-outs, and an answer nothing keeps.</summary>
public class EntityAskTests() : TestKit(TestConfig.Patient)
{
    private sealed record Answer(string Text);

    [Fact]
    public async Task The_answer_comes_back_typed()
    {
        var entity = CreateTestProbe();
        var asked = entity.Ref.AskEntityAsync<Answer>("question", TimeSpan.FromSeconds(10));

        entity.ExpectMsg("question");
        entity.Reply(new Answer("yes"));

        Assert.Equal(new Answer("yes"), await asked);
    }

    [Fact]
    public async Task An_answer_sent_to_the_temporary_actors_path_arrives_as_one_from_another_node_would()
    {
        var entity = CreateTestProbe();
        var asked = entity.Ref.AskEntityAsync<Answer>("question", TimeSpan.FromSeconds(10));
        entity.ExpectMsg("question");

        // A node that got the sender serialized resolves it by its path.
        var byPath = ((ExtendedActorSystem)Sys).Provider.ResolveActorRef(entity.LastSender.Path);
        byPath.Tell(new Answer("by path"));

        Assert.Equal(new Answer("by path"), await asked);
    }

    [Fact]
    public async Task A_failure_answered_is_thrown_to_the_asker()
    {
        var entity = CreateTestProbe();
        var asked = entity.Ref.AskEntityAsync<Answer>("question", TimeSpan.FromSeconds(10));

        entity.ExpectMsg("question");
        entity.Reply(new Status.Failure(new ArgumentException("bad domain", "domain")));

        Assert.Equal("domain", (await Assert.ThrowsAsync<ArgumentException>(() => asked)).ParamName);
    }

    [Fact]
    public async Task No_answer_in_time_is_a_timeout_and_a_late_answer_goes_to_dead_letters()
    {
        var entity = CreateTestProbe();
        var asked = entity.Ref.AskEntityAsync<Answer>("question", TimeSpan.FromMilliseconds(200));
        entity.ExpectMsg("question");

        await Assert.ThrowsAsync<AskTimeoutException>(() => asked);

        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        entity.Reply(new Answer("late"));
        Assert.Equal(new Answer("late"), ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public async Task The_temporary_actor_keeps_nothing_of_the_answer()
    {
        // The probe keeps the last sender, as a journaled event keeps its own: the answer must not be kept through it.
        var entity = CreateTestProbe();
        var answer = await AskedAndAnsweredAsync(entity);

        Assert.NotNull(entity.LastSender);
        await this.AwaitCollectedAsync(answer, "the temporary actor still holds the answer");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> AskedAndAnsweredAsync(TestProbe entity)
    {
        var asked = entity.Ref.AskEntityAsync<Answer>("question", TimeSpan.FromSeconds(10));
        entity.ExpectMsg("question");
        var reply = new Answer("yes");
        var weak = new WeakReference(reply);
        entity.Reply(reply);
        Assert.Same(reply, await asked);
        return weak;
    }
}
