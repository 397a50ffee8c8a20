using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>
/// One per short number or virtual number: keywords, auto-replies and forwarding. Its id and persistence
/// are in place; keyword routing comes with the two-way chat work.
/// </summary>
public sealed class ShortNumberActor : ReceivePersistentActor
{
    public sealed record Touch(string Number);

    public sealed record Touched(string Number, long Events);

    /// <summary>Journaled when the number is first used.</summary>
    public sealed record Registered(DateTimeOffset At) : Serialization.IPersisted;

    private long _events;

    public ShortNumberActor(string number)
    {
        PersistenceId = $"short-number-{number}";
        Context.SetReceiveTimeout(TimeSpan.FromMinutes(2));
        Recover<Registered>(_ => _events++);
        Command<Touch>(touch =>
        {
            if (_events > 0)
            {
                Sender.Tell(new Touched(touch.Number, _events));
                return;
            }
            Persist(new Registered(DateTimeOffset.UtcNow), _ =>
            {
                _events++;
                Sender.Tell(new Touched(touch.Number, _events));
            });
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId { get; }
}

public sealed class ShortNumberRegion;

public sealed class ShortNumberMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => (message as ShortNumberActor.Touch)?.Number;
}
