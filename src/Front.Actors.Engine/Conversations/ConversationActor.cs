using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// One per (account, our number, contact number): the chat thread. Its id and persistence are in place;
/// threads, assignment and opt-out come with the two-way chat work.
/// </summary>
public sealed class ConversationActor : ReceivePersistentActor
{
    public sealed record Touch(string ConversationId);

    public sealed record Touched(string ConversationId, long Events);

    /// <summary>Journaled when the thread is first used.</summary>
    public sealed record Opened(DateTimeOffset At) : Serialization.IPersisted;

    private long _events;

    public ConversationActor(string conversationId)
    {
        PersistenceId = $"conversation-{conversationId}";
        Context.SetReceiveTimeout(TimeSpan.FromMinutes(2));
        Recover<Opened>(_ => _events++);
        Command<Touch>(touch =>
        {
            if (_events > 0)
            {
                Sender.Tell(new Touched(touch.ConversationId, _events));
                return;
            }
            Persist(new Opened(DateTimeOffset.UtcNow), _ =>
            {
                _events++;
                Sender.Tell(new Touched(touch.ConversationId, _events));
            });
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId { get; }

    /// <summary>A conversation id: account, our number and the contact's number.</summary>
    public static string IdOf(string accountId, string ourNumber, string contact) => $"{accountId}:{ourNumber}:{contact}";
}

public sealed class ConversationRegion;

public sealed class ConversationMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => (message as ConversationActor.Touch)?.ConversationId;
}
