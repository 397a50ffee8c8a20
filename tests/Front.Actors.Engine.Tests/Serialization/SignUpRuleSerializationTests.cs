using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Serialization;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.Serialization;

/// <summary>A sign-up rule is journaled in the rules event it always was, with its reply; rules journaled before sign-ups existed read as they were.</summary>
public class SignUpRuleSerializationTests : TestKit
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sign_up_rule_round_trips_with_its_group_and_reply()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var rules = new ShortNumberEvents.RulesSet("DEMO", "BLI", [new InboundRule(InboundRuleKind.SignUp, "group-1", Reply: "Velkommen!")], At);

        var back = (ShortNumberEvents.RulesSet)serializer.FromBinary(serializer.ToBinary(rules), serializer.Manifest(rules));

        Assert.Equal(new InboundRule(InboundRuleKind.SignUp, "group-1", null, "Velkommen!"), back.Rules.Single());
    }

    [Fact]
    public void Rules_journaled_before_sign_ups_existed_read_with_no_reply()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var journaled = Encoding.UTF8.GetBytes("""{"Keyword":"PIZZA","SubKeyword":null,"Rules":[{"Kind":"AutoReply","Target":"Takk!","Secret":null}],"At":"2026-11-22T10:00:00+00:00"}""");

        var back = (ShortNumberEvents.RulesSet)serializer.FromBinary(journaled, serializer.Manifest(new ShortNumberEvents.RulesSet(null, null, [], At)));

        Assert.Equal(new InboundRule(InboundRuleKind.AutoReply, "Takk!"), back.Rules.Single());
    }
}
