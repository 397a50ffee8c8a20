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

    [Fact]
    public void A_send_from_an_unregistered_name_is_held_and_approving_it_registers_the_name()
    {
        var admit = new AccountCommands.Admit("acme", "i1", ["m1", "m2"], 1, "Hei", AlphanumericSender: "Butikken");

        var held = Assert.IsType<AccountEvents.ItemHeld>(AccountState.Empty.Decide(admit, T0).Events.Single());
        var approved = AccountState.Empty.Apply(held).Apply(new AccountEvents.ItemApproved("i1", "mod", "ok", T0, "2026-11"));

        Assert.Equal((HoldRule.UnregisteredSender, "Butikken"), (held.Item.Rule, held.Item.Sender));
        Assert.Equal(["Butikken"], approved.Senders);
        Assert.IsType<AccountEvents.MessagesAdmitted>(approved.Decide(admit with { ItemId = "i2" }, T0).Events.Single());
        Assert.IsType<AccountEvents.MessagesAdmitted>(approved.Decide(admit with { ItemId = "i3", AlphanumericSender = "BUTIKKEN" }, T0).Events.Single());
    }

    [Fact]
    public void A_rejected_unregistered_name_stays_unregistered_and_a_removed_one_is_held_again()
    {
        var admit = new AccountCommands.Admit("acme", "i1", ["m1"], 1, "Hei", AlphanumericSender: "Butikken");
        var held = AccountState.Empty.Decide(admit, T0).Held!;

        var rejected = AccountState.Empty.Apply(held).Apply(new AccountEvents.ItemRejected("i1", "mod", "no", T0));
        var removed = AccountState.Empty.Apply(new AccountEvents.SenderRegistered("Butikken", "mod", T0)).Apply(new AccountEvents.SenderRemoved("Butikken", "mod", T0));

        Assert.Empty(rejected.Senders);
        Assert.IsType<AccountEvents.ItemHeld>(removed.Decide(admit with { ItemId = "i2" }, T0).Events.Single());
    }

    [Fact]
    public void A_suspended_account_is_held_as_suspended_whatever_its_sender()
    {
        var suspended = AccountState.Empty.Apply(new AccountEvents.AccountSuspended("mod", "spam", T0));

        var held = Assert.IsType<AccountEvents.ItemHeld>(suspended.Decide(new AccountCommands.Admit("acme", "i1", ["m1"], 1, "Hei", AlphanumericSender: "Butikken"), T0).Events.Single());

        Assert.Equal(HoldRule.Suspended, held.Item.Rule);
    }

    [Fact]
    public void A_send_admitted_again_under_the_same_item_id_is_counted_once()
    {
        var admit = new AccountCommands.Admit("acme", "item_1", ["m1", "m2"], 2, "Hei");
        var first = AccountState.Empty.Decide(admit, T0);
        var state = first.Events.Aggregate(AccountState.Empty, (s, e) => s.Apply(e));

        var again = state.Decide(admit with { MessageIds = ["m3", "m4"] }, T0);

        Assert.True(again.AlreadyAdmitted);
        Assert.Empty(again.Events);
        Assert.Equal((2, 4), (state.MonthMessages, state.MonthSegments));
        Assert.False(state.Decide(admit with { ItemId = "item_2" }, T0).AlreadyAdmitted);
    }

    [Fact]
    public void A_send_held_again_under_the_same_item_id_gets_the_first_item_with_its_message_ids()
    {
        var admit = new AccountCommands.Admit("acme", "item_1", ["m1", "m2"], 1, "Se http://svindel.example/x");
        var first = AccountState.Empty.Decide(admit, T0);
        var state = first.Events.Aggregate(AccountState.Empty, (s, e) => s.Apply(e));

        var again = state.Decide(admit with { MessageIds = ["m3", "m4"] }, T0);

        Assert.NotNull(first.Held);
        Assert.Empty(again.Events);
        Assert.Equal(["m1", "m2"], again.AlreadyHeld!.MessageIds);
        Assert.Single(state.Held);
    }
}
