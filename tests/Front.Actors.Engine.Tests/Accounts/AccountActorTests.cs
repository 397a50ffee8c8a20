using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Accounts;

namespace Front.Actors.Engine.Tests.Accounts;

public class AccountActorTests() : TestKit(TestConfig.Patient)
{
    private int _item;

    private AccountCommands.Admit Admit(string account, int messages, string text = "Hei", int segments = 1) =>
        new(account, $"item-{++_item}", Enumerable.Range(0, messages).Select(i => $"msg-{_item}-{i}").ToList(), segments, text);

    private IActorRef Account(string id) => Sys.ActorOf(Props.Create(() => new AccountActor(id)));

    private IActorRef Restart(IActorRef account, string id)
    {
        Watch(account);
        Sys.Stop(account);
        ExpectTerminated(account);
        return Account(id);
    }

    [Fact]
    public void Admitting_messages_adds_to_the_months_volume()
    {
        var account = Account("a1");

        account.Tell(Admit("a1", 2, segments: 3), TestActor);
        var first = ExpectMsg<AccountReplies.Admitted>();
        account.Tell(Admit("a1", 1), TestActor);
        var second = ExpectMsg<AccountReplies.Admitted>();

        Assert.Equal((2, 6), (first.MonthMessages, first.MonthSegments));
        Assert.Equal((3, 7), (second.MonthMessages, second.MonthSegments));
    }

    [Fact]
    public void A_link_to_an_unapproved_domain_is_held_with_the_domain_named()
    {
        var account = Account("a2");

        account.Tell(Admit("a2", 1, "Tilbud på svindel.com/x"), TestActor);

        var held = ExpectMsg<AccountReplies.Held>();
        Assert.Equal(HoldRule.UnapprovedLink, held.Rule);
        Assert.Contains("svindel.com", held.Details);
    }

    [Fact]
    public void A_batch_above_the_bulk_threshold_is_held_as_one_item()
    {
        var account = Account("a3");
        account.Tell(new AccountCommands.SetLimits("a3", AccountLimits.Default with { BulkThreshold = 5 }, "mod"), TestActor);
        ExpectMsg<AccountReplies.Done>();

        account.Tell(Admit("a3", 6), TestActor);
        var held = ExpectMsg<AccountReplies.Held>();
        account.Tell(new AccountCommands.GetUsage("a3"), TestActor);

        Assert.Equal(HoldRule.BulkSend, held.Rule);
        Assert.Equal(6, Assert.Single(ExpectMsg<AccountReplies.Usage>().HeldItems).MessageIds.Count);
    }

    [Fact]
    public void A_monthly_limit_of_n_lets_exactly_n_segments_through()
    {
        var account = Account("a4");
        account.Tell(new AccountCommands.SetLimits("a4", AccountLimits.Default with { MonthlySegments = 3 }, "mod"), TestActor);
        ExpectMsg<AccountReplies.Done>();

        var replies = Enumerable.Range(0, 5).Select(_ =>
        {
            account.Tell(Admit("a4", 1), TestActor);
            return ExpectMsg<object>();
        }).ToList();

        Assert.Equal(3, replies.OfType<AccountReplies.Admitted>().Count());
        Assert.Equal(2, replies.OfType<AccountReplies.Held>().Count(h => h.Rule == HoldRule.MonthlyLimit));
    }

    [Fact]
    public void A_monthly_limit_holds_even_when_sends_arrive_faster_than_the_journal_writes()
    {
        var account = Account("a4b");
        account.Tell(new AccountCommands.SetLimits("a4b", AccountLimits.Default with { MonthlySegments = 3 }, "mod"), TestActor);
        ExpectMsg<AccountReplies.Done>();

        // All five are sent before any answer is read.
        for (var i = 0; i < 5; i++)
            account.Tell(Admit("a4b", 1), TestActor);
        var replies = Enumerable.Range(0, 5).Select(_ => ExpectMsg<object>()).ToList();

        Assert.Equal(3, replies.OfType<AccountReplies.Admitted>().Count());
        Assert.Equal(2, replies.OfType<AccountReplies.Held>().Count());
    }

    [Fact]
    public void A_batch_crossing_the_monthly_limit_admits_exactly_what_fits_and_holds_the_rest_as_one_item()
    {
        var account = Account("a4c");
        account.Tell(new AccountCommands.SetLimits("a4c", AccountLimits.Default with { MonthlySegments = 10 }, "mod"), TestActor);
        ExpectMsg<AccountReplies.Done>();
        account.Tell(Admit("a4c", 7), TestActor);
        ExpectMsg<AccountReplies.Admitted>();

        var batch = Admit("a4c", 5); // 3 segments left: 3 go, 2 wait
        account.Tell(batch, TestActor);
        var held = ExpectMsg<AccountReplies.Held>();
        account.Tell(new AccountCommands.GetUsage("a4c"), TestActor);
        var usage = ExpectMsg<AccountReplies.Usage>();

        Assert.Equal((HoldRule.MonthlyLimit, 3), (held.Rule, held.Admitted));
        Assert.Equal(10, usage.MonthSegments);
        Assert.Equal(batch.MessageIds.Skip(3), Assert.Single(usage.HeldItems).MessageIds);
    }

    [Fact]
    public void A_send_that_would_be_held_beyond_the_cap_is_refused_and_nothing_is_kept()
    {
        var account = Account("a4d");
        account.Tell(Admit("a4d", 1, "Se svindel.com") with { MaxHeldItems = 2 }, TestActor);
        account.Tell(Admit("a4d", 1, "Se svindel.com") with { MaxHeldItems = 2 }, TestActor);
        ExpectMsg<AccountReplies.Held>();
        ExpectMsg<AccountReplies.Held>();

        account.Tell(Admit("a4d", 1, "Se svindel.com") with { MaxHeldItems = 2 }, TestActor);
        var refused = ExpectMsg<AccountReplies.Refused>();
        account.Tell(Admit("a4d", 1, "Hei") with { MaxHeldItems = 2 }, TestActor);
        ExpectMsg<AccountReplies.Admitted>(); // a send that is not held still goes
        account.Tell(new AccountCommands.GetUsage("a4d"), TestActor);

        Assert.Equal(RefusalKind.TooMany, refused.Kind);
        Assert.Contains("2 sends", refused.Reason);
        Assert.Equal(2, ExpectMsg<AccountReplies.Usage>().HeldItems.Count);
    }

    [Fact]
    public void Approving_a_domain_releases_nothing_of_a_suspended_account_until_it_is_resumed()
    {
        var account = Account("a5b");
        account.Tell(Admit("a5b", 1, "Se butikk.no/x"), TestActor);
        var held = ExpectMsg<AccountReplies.Held>();
        account.Tell(new AccountCommands.Suspend("a5b", "mod", "spam"), TestActor);
        ExpectMsg<AccountReplies.Done>();

        account.Tell(new AccountCommands.ApproveDomain("a5b", "butikk.no", "mod"), TestActor);
        var approved = ExpectMsg<AccountReplies.DomainApproved>();
        account.Tell(new AccountCommands.Resume("a5b", "mod"), TestActor);
        var resumed = ExpectMsg<AccountReplies.Resumed>();
        account.Tell(new AccountCommands.GetUsage("a5b"), TestActor);

        Assert.Empty(approved.Released);
        Assert.Equal([held.ItemId], resumed.Released.Select(i => i.ItemId));
        Assert.Empty(ExpectMsg<AccountReplies.Usage>().HeldItems);
    }

    [Fact]
    public void A_suspended_account_has_everything_held_until_resumed()
    {
        var account = Account("a5");
        account.Tell(new AccountCommands.Suspend("a5", "mod", "spam complaints"), TestActor);
        ExpectMsg<AccountReplies.Done>();

        account.Tell(Admit("a5", 1), TestActor);
        Assert.Equal(HoldRule.Suspended, ExpectMsg<AccountReplies.Held>().Rule);
        account.Tell(new AccountCommands.Resume("a5", "mod"), TestActor);
        ExpectMsg<AccountReplies.Resumed>();
        account.Tell(Admit("a5", 1), TestActor);
        ExpectMsg<AccountReplies.Admitted>();
    }

    [Fact]
    public void The_first_decision_on_an_item_wins_and_the_second_is_told()
    {
        var account = Account("a6");
        account.Tell(Admit("a6", 1, "Se svindel.com"), TestActor);
        var held = ExpectMsg<AccountReplies.Held>();

        account.Tell(new AccountCommands.Decide("a6", held.ItemId, true, "mod-1", "ok"), TestActor);
        account.Tell(new AccountCommands.Decide("a6", held.ItemId, false, "mod-2", "no"), TestActor);

        var first = ExpectMsg<AccountReplies.Decided>();
        Assert.True(first.Approved);
        Assert.Equal(["msg-1-0"], first.Item.MessageIds);
        Assert.True(ExpectMsg<AccountReplies.AlreadyDecided>().Approved);
    }

    [Fact]
    public void Deciding_an_unknown_item_changes_nothing()
    {
        var account = Account("a7");

        account.Tell(new AccountCommands.Decide("a7", "nope", true, "mod", "ok"), TestActor);

        ExpectMsg<AccountReplies.UnknownItem>();
    }

    [Fact]
    public void Approving_a_domain_releases_the_items_held_only_for_it()
    {
        var account = Account("a8");
        account.Tell(Admit("a8", 1, "Se butikk.no/tilbud"), TestActor);
        var onlyButikk = ExpectMsg<AccountReplies.Held>();
        account.Tell(Admit("a8", 1, "Se butikk.no og svindel.com"), TestActor);
        ExpectMsg<AccountReplies.Held>();

        account.Tell(new AccountCommands.ApproveDomain("a8", "www.Butikk.no", "mod"), TestActor);
        var approved = ExpectMsg<AccountReplies.DomainApproved>();
        account.Tell(Admit("a8", 1, "Se butikk.no igjen"), TestActor);

        Assert.Equal("butikk.no", approved.Domain);
        Assert.Equal([onlyButikk.ItemId], approved.Released.Select(i => i.ItemId));
        ExpectMsg<AccountReplies.Admitted>();
    }

    [Fact]
    public void Held_items_limits_and_decisions_survive_a_restart()
    {
        var account = Account("a9");
        account.Tell(new AccountCommands.SetLimits("a9", AccountLimits.Default with { BulkThreshold = 2 }, "mod"), TestActor);
        ExpectMsg<AccountReplies.Done>();
        account.Tell(Admit("a9", 3), TestActor);
        var kept = ExpectMsg<AccountReplies.Held>();
        account.Tell(Admit("a9", 3), TestActor);
        var decided = ExpectMsg<AccountReplies.Held>();
        account.Tell(new AccountCommands.Decide("a9", decided.ItemId, false, "mod", "no"), TestActor);
        ExpectMsg<AccountReplies.Decided>();

        var again = Restart(account, "a9");
        again.Tell(new AccountCommands.GetUsage("a9"), TestActor);
        var usage = ExpectMsg<AccountReplies.Usage>();
        again.Tell(new AccountCommands.Decide("a9", decided.ItemId, true, "mod", "changed my mind"), TestActor);

        Assert.Equal(2, usage.Limits.BulkThreshold);
        Assert.Equal([kept.ItemId], usage.HeldItems.Select(i => i.ItemId));
        Assert.False(ExpectMsg<AccountReplies.AlreadyDecided>().Approved);
    }

    [Fact]
    public void Absurd_limits_and_malformed_domains_are_refused_without_a_change()
    {
        var account = Account("a10");

        account.Tell(new AccountCommands.SetLimits("a10", AccountLimits.Default with { MessagesPerSecond = -1 }, "mod"), TestActor);
        Assert.Contains("messagesPerSecond", ExpectMsg<Status.Failure>().Cause.Message);
        account.Tell(new AccountCommands.ApproveDomain("a10", "not a domain", "mod"), TestActor);
        ExpectMsg<Status.Failure>();
        account.Tell(new AccountCommands.GetUsage("a10"), TestActor);

        var usage = ExpectMsg<AccountReplies.Usage>();
        Assert.Equal(AccountLimits.Default, usage.Limits);
        Assert.Empty(usage.ApprovedDomains);
    }

    [Fact]
    public void An_approved_item_counts_towards_the_month_when_released()
    {
        var state = AccountState.Empty
            .Apply(new AccountEvents.ItemHeld(new HeldItem("i1", HoldRule.BulkSend, "", [], ["m1", "m2"], 4, DateTimeOffset.UtcNow)))
            .Apply(new AccountEvents.ItemApproved("i1", "mod", "ok", DateTimeOffset.UtcNow, "2026-11"));

        Assert.Equal(("2026-11", 2L, 4L), (state.Month, state.MonthMessages, state.MonthSegments));
        Assert.Empty(state.Held);
        Assert.True(state.Decisions["i1"]);
    }

    [Fact]
    public void A_new_month_starts_from_zero()
    {
        var state = AccountState.Empty
            .Apply(new AccountEvents.MessagesAdmitted(3, 3, "2026-10"))
            .Apply(new AccountEvents.MessagesAdmitted(1, 2, "2026-11"));

        Assert.Equal(("2026-11", 1L, 2L), (state.Month, state.MonthMessages, state.MonthSegments));
    }

    [Fact]
    public void Commands_are_routed_by_account_id()
    {
        var extractor = new AccountMessageExtractor();

        Assert.Equal("acme", extractor.EntityId(Admit("acme", 1)));
        Assert.Equal("acme", extractor.EntityId(new AccountCommands.Decide("acme", "i", true, "m", "r")));
    }
}
