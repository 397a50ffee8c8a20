using System.Runtime.Serialization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Serialization;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.Serialization;

public class EngineSerializerTests : TestKit
{
    public static TheoryData<object> Persisted => new()
    {
        new AccountEvents.MessagesAdmitted(3, 7, "2026-11"),
        new AccountState("2026-11", 10, 12),
        new ConversationActor.Opened(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ShortNumberActor.Registered(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
    };

    [Theory]
    [MemberData(nameof(Persisted))]
    public void Every_persisted_type_round_trips_through_its_manifest(object value)
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);

        var manifest = serializer.Manifest(value);
        var back = serializer.FromBinary(serializer.ToBinary(value), manifest);

        Assert.Equal(value, back);
    }

    [Fact]
    public void The_system_picks_this_serializer_for_persisted_types()
    {
        Assert.IsType<EngineSerializer>(Sys.Serialization.FindSerializerFor(new AccountEvents.MessagesAdmitted(1, 1, "2026-11")));
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);

        Assert.Throws<SerializationException>(() => serializer.FromBinary([], "nope-v1"));
    }

    public EngineSerializerTests() : base("""
        akka.actor {
          serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
          serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
          serialization-identifiers { "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine" = 4711 }
        }
        """)
    {
    }
}
