using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Serialization;

namespace Front.Actors.Engine.Tests.Accounts;

public class AccountStateTests : TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static AccountState HoldAndReject(AccountState state, int items)
    {
        for (var i = 0; i < items; i++)
            state = state.Apply(new AccountEvents.ItemHeld(new HeldItem($"i{i}", HoldRule.BulkSend, "", [], [$"m{i}"], 1, T0)))
                .Apply(new AccountEvents.ItemRejected($"i{i}", "mod", "no", T0));
        return state;
    }

    [Fact]
    public void Only_the_latest_decisions_are_remembered()
    {
        var state = HoldAndReject(AccountState.Empty, AccountState.RememberedDecisions + 5);

        Assert.Equal(AccountState.RememberedDecisions, state.Decisions.Count);
        Assert.False(state.Decisions.ContainsKey("i0"));
        Assert.False(state.Decisions.ContainsKey("i4"));
        Assert.True(state.Decisions.ContainsKey("i5"));
        Assert.True(state.Decisions.ContainsKey($"i{AccountState.RememberedDecisions + 4}"));
        Assert.Empty(state.Held);
    }

    [Fact]
    public void A_snapshot_written_before_decisions_were_bounded_still_reads()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var current = HoldAndReject(AccountState.Empty, 2);
        var json = Encoding.UTF8.GetString(serializer.ToBinary(current));
        var old = System.Text.RegularExpressions.Regex.Replace(json, ",\"DecisionOrder\":\\[[^\\]]*\\]", "");

        var read = (AccountState)serializer.FromBinary(Encoding.UTF8.GetBytes(old), serializer.Manifest(current));
        var next = HoldAndReject(read, 1);

        Assert.DoesNotContain("DecisionOrder", old);
        Assert.Equal(2, read.Decisions.Count);
        Assert.Empty(read.DecisionOrder);
        Assert.Equal(2, next.Decisions.Count); // i0 decided again; the two known decisions stay
    }

    public AccountStateTests() : base(TestConfig.Patient + """

        akka.actor {
          serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
          serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
        }
        """)
    {
    }
}
