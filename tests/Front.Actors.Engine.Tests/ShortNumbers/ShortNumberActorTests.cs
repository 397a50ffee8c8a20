using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.ShortNumbers;

public class ShortNumberActorTests() : TestKit(TestConfig.Patient)
{
    private IActorRef Number(string number) => Sys.ActorOf(Props.Create(() => new ShortNumberActor(number)));

    private IActorRef Restart(IActorRef entity, string number)
    {
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        return Number(number);
    }

    private ShortNumberState Ask(IActorRef entity, object command)
    {
        entity.Tell(command, TestActor);
        return ExpectMsg<ShortNumberReplies.Info>().State;
    }

    private IActorRef Shared(string number, string owner = "provider", string? defaultReply = "Ukjent kodeord")
    {
        var entity = Number(number);
        Ask(entity, new ShortNumberCommands.Configure(number, owner, Shared: true, defaultReply, "test"));
        return entity;
    }

    [Fact]
    public void An_owned_number_routes_every_message_to_its_account()
    {
        var entity = Number("+4790000001");
        Ask(entity, new ShortNumberCommands.Configure("+4790000001", "acme", Shared: false, null, "test"));

        entity.Tell(new ShortNumberCommands.Route("+4790000001", "HEI", "DER"), TestActor);
        var route = ExpectMsg<InboundRoute>();

        Assert.Equal("acme", route.AccountId);
        Assert.Null(route.Keyword);
        Assert.Null(route.DefaultReply);
    }

    [Fact]
    public void A_shared_number_routes_by_keyword_and_sub_keyword()
    {
        var entity = Shared("2401");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2401", "PIZZA", "acme"));
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2401", "BLÅBÆR", "berry"));
        Ask(entity, new ShortNumberCommands.SetRules("2401", "acme", "PIZZA", "EKSTRA", [new InboundRule(InboundRuleKind.AutoReply, "Ekstra ost!")]));

        entity.Tell(new ShortNumberCommands.Route("2401", "BLÅBÆR", null), TestActor);
        var berry = ExpectMsg<InboundRoute>();
        entity.Tell(new ShortNumberCommands.Route("2401", "PIZZA", "EKSTRA"), TestActor);
        var extra = ExpectMsg<InboundRoute>();
        entity.Tell(new ShortNumberCommands.Route("2401", "PIZZA", "VANLIG"), TestActor);
        var plain = ExpectMsg<InboundRoute>();

        Assert.Equal(("berry", "BLÅBÆR"), (berry.AccountId, berry.Keyword));
        Assert.Equal(("acme", "EKSTRA"), (extra.AccountId, extra.SubKeyword));
        Assert.Equal("Ekstra ost!", Assert.Single(extra.Rules).Target);
        Assert.Equal(("acme", null), (plain.AccountId, plain.SubKeyword));
        Assert.Empty(plain.Rules);
    }

    [Theory]
    [InlineData("  «Blåbær», takk!", "berry", null)]
    [InlineData("blåbær!!! SYLTETØY", "berry", "SYLTETØY")]
    [InlineData("#BLÅBÆR syltetøy.", "berry", "SYLTETØY")]
    [InlineData("Pizza? ekstra", "acme", "EKSTRA")]
    public void Inbound_text_routes_by_its_first_words_whatever_the_case_and_punctuation(string text, string account, string? subKeyword)
    {
        var entity = Shared("2407");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2407", "BLÅBÆR", "berry"));
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2407", "PIZZA", "acme"));
        Ask(entity, new ShortNumberCommands.SetRules("2407", "berry", "BLÅBÆR", "SYLTETØY", [new InboundRule(InboundRuleKind.AutoReply, "Søtt!")]));
        Ask(entity, new ShortNumberCommands.SetRules("2407", "acme", "PIZZA", "EKSTRA", [new InboundRule(InboundRuleKind.AutoReply, "Ost!")]));
        var words = Front.Actors.Domain.Inbound.InboundWords.Parse(text);

        entity.Tell(new ShortNumberCommands.Route("2407", words.First, words.Second), TestActor);
        var route = ExpectMsg<InboundRoute>();

        Assert.Equal((account, subKeyword), (route.AccountId, route.SubKeyword));
    }

    [Fact]
    public void An_unknown_keyword_on_a_shared_number_is_kept_for_the_owner_with_the_default_reply()
    {
        var entity = Shared("2402", owner: "provider", defaultReply: "Send PIZZA til 2402");

        entity.Tell(new ShortNumberCommands.Route("2402", "HVA", null), TestActor);
        var route = ExpectMsg<InboundRoute>();

        Assert.Equal("provider", route.AccountId);
        Assert.Equal("Send PIZZA til 2402", route.DefaultReply);
    }

    [Fact]
    public void A_taken_keyword_is_refused_and_nothing_changes()
    {
        var entity = Shared("2403");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2403", "TUR", "acme"));

        entity.Tell(new ShortNumberCommands.RegisterKeyword("2403", "TUR", "other"), TestActor);
        var refused = ExpectMsg<ShortNumberReplies.Refused>();
        var state = Ask(entity, new ShortNumberCommands.GetInfo("2403"));

        Assert.Equal(("keyword", RefusalKind.Conflict), (refused.Field, refused.Kind));
        Assert.Contains("already taken", refused.Reason);
        Assert.Equal("acme", state.Keywords["TUR"].AccountId);
    }

    [Fact]
    public void A_number_nobody_set_up_routes_nowhere()
    {
        var entity = Number("9999");

        entity.Tell(new ShortNumberCommands.Route("9999", "HEI", null), TestActor);

        Assert.False(ExpectMsg<InboundRoute>().Known);
    }

    [Fact]
    public void The_numbers_rate_is_set_lifted_and_refused_when_absurd()
    {
        var entity = Shared("2404");

        var limited = Ask(entity, new ShortNumberCommands.SetRate("2404", 20, "mod"));
        entity.Tell(new ShortNumberCommands.SetRate("2404", 0, "mod"), TestActor);
        var refused = ExpectMsg<ShortNumberReplies.Refused>();
        var lifted = Ask(entity, new ShortNumberCommands.SetRate("2404", null, "mod"));

        Assert.Equal(20, limited.MessagesPerSecond);
        Assert.Equal(("messagesPerSecond", RefusalKind.Invalid), (refused.Field, refused.Kind));
        Assert.Null(lifted.MessagesPerSecond);
    }

    [Fact]
    public void Owner_rate_keywords_and_rules_survive_a_restart()
    {
        var entity = Shared("2405", owner: "provider", defaultReply: "Ukjent");
        Ask(entity, new ShortNumberCommands.SetRate("2405", 35, "mod"));
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2405", "KAFFE", "acme"));
        Ask(entity, new ShortNumberCommands.SetRules("2405", "acme", "KAFFE", null, [new InboundRule(InboundRuleKind.Webhook, "https://acme.no/hook", "s3cret")]));

        var state = Ask(Restart(entity, "2405"), new ShortNumberCommands.GetInfo("2405"));

        Assert.Equal(("provider", true, "Ukjent", (int?)35), (state.OwnerAccountId, state.Shared, state.DefaultReply, state.MessagesPerSecond));
        var rule = Assert.Single(state.Keywords["KAFFE"].Rules);
        Assert.Equal((InboundRuleKind.Webhook, "https://acme.no/hook", "s3cret"), (rule.Kind, rule.Target, rule.Secret));
    }

    [Fact]
    public void Only_the_keywords_account_may_set_its_rules_or_release_it()
    {
        var entity = Shared("2406");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2406", "SKI", "acme"));

        entity.Tell(new ShortNumberCommands.SetRules("2406", "other", "SKI", null, []), TestActor);
        ExpectMsg<ShortNumberReplies.Refused>();
        entity.Tell(new ShortNumberCommands.ReleaseKeyword("2406", "SKI", "other"), TestActor);
        ExpectMsg<ShortNumberReplies.Refused>();
        var released = Ask(entity, new ShortNumberCommands.ReleaseKeyword("2406", "SKI", "acme"));

        Assert.Empty(released.Keywords);
    }

    [Fact]
    public void A_new_owner_of_a_shared_number_gets_none_of_the_old_owners_keywords_or_rules_and_others_keep_theirs()
    {
        var entity = Shared("2407", owner: "old");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2407", "GAMMEL", "old"));
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2407", "KAFFE", "acme"));
        Ask(entity, new ShortNumberCommands.SetRules("2407", "old", null, null, [new InboundRule(InboundRuleKind.ForwardToNumber, "+4741234567")]));
        Ask(entity, new ShortNumberCommands.SetRules("2407", "old", "GAMMEL", null, [new InboundRule(InboundRuleKind.Webhook, "https://old.no/hook", "s")]));

        Ask(entity, new ShortNumberCommands.Configure("2407", "new", Shared: true, null, "mod"));
        var state = Ask(Restart(entity, "2407"), new ShortNumberCommands.GetInfo("2407"));

        Assert.Equal("new", state.OwnerAccountId);
        Assert.Empty(state.NumberRules);
        Assert.Equal(["KAFFE"], state.Keywords.Keys);
        Assert.Empty(state.Route("2407", "GAMMEL", null).Rules);
    }

    [Fact]
    public void An_owned_number_given_to_another_account_loses_the_old_owners_keywords_and_rules()
    {
        var entity = Number("+4790000002");
        Ask(entity, new ShortNumberCommands.Configure("+4790000002", "old", Shared: false, null, "mod"));
        Ask(entity, new ShortNumberCommands.RegisterKeyword("+4790000002", "PIZZA", "old"));
        Ask(entity, new ShortNumberCommands.SetRules("+4790000002", "old", null, null, [new InboundRule(InboundRuleKind.Webhook, "https://old.no/hook", "s")]));

        var state = Ask(entity, new ShortNumberCommands.Configure("+4790000002", "new", Shared: false, null, "mod"));
        var route = state.Route("+4790000002", "PIZZA", null);

        Assert.Empty(state.Keywords);
        Assert.Equal(("new", 0), (route.AccountId, route.Rules.Count));
    }

    [Fact]
    public void Configuring_the_same_owner_again_keeps_its_keywords_and_rules()
    {
        var entity = Shared("2408", owner: "acme");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2408", "SKI", "acme"));
        Ask(entity, new ShortNumberCommands.SetRules("2408", "acme", null, null, [new InboundRule(InboundRuleKind.AutoReply, "Hei")]));

        var state = Ask(entity, new ShortNumberCommands.Configure("2408", "acme", Shared: true, "Ny tekst", "mod"));

        Assert.Equal(["SKI"], state.Keywords.Keys);
        Assert.Single(state.NumberRules);
    }

    [Fact]
    public void A_sign_up_is_added_changed_and_removed_on_its_own_and_the_keywords_other_rules_stay_in_their_place()
    {
        var entity = Shared("2409");
        Ask(entity, new ShortNumberCommands.RegisterKeyword("2409", "KLUBB", "acme"));
        Ask(entity, new ShortNumberCommands.SetRules("2409", "acme", "KLUBB", null,
            [new InboundRule(InboundRuleKind.AutoReply, "Hei"), new InboundRule(InboundRuleKind.SignUp, "g1")]));

        Ask(entity, new ShortNumberCommands.PutSignUp("2409", "acme", "KLUBB", null, "g2", null, MaxRules: 5));
        var changed = Ask(entity, new ShortNumberCommands.PutSignUp("2409", "acme", "KLUBB", null, "g1", "Velkommen", MaxRules: 5));
        entity.Tell(new ShortNumberCommands.PutSignUp("2409", "acme", "KLUBB", null, "g3", null, MaxRules: 3), TestActor);
        var tooMany = ExpectMsg<ShortNumberReplies.Refused>();
        entity.Tell(new ShortNumberCommands.PutSignUp("2409", "other", "KLUBB", null, "g9", null, MaxRules: 5), TestActor);
        var notTheirs = ExpectMsg<ShortNumberReplies.Refused>();
        var removed = Ask(entity, new ShortNumberCommands.RemoveSignUp("2409", "acme", "KLUBB", null, "g2"));
        entity.Tell(new ShortNumberCommands.RemoveSignUp("2409", "acme", "KLUBB", null, "g2"), TestActor);
        var gone = ExpectMsg<ShortNumberReplies.Refused>();

        Assert.Equal([(InboundRuleKind.AutoReply, "Hei", null), (InboundRuleKind.SignUp, "g1", "Velkommen"), (InboundRuleKind.SignUp, "g2", null)],
            changed.Keywords["KLUBB"].Rules.Select(r => (r.Kind, r.Target, r.Reply)));
        Assert.Equal((RefusalKind.Invalid, "groupId"), (tooMany.Kind, tooMany.Field));
        Assert.Equal((RefusalKind.Forbidden, "keyword"), (notTheirs.Kind, notTheirs.Field));
        Assert.Equal([(InboundRuleKind.AutoReply, "Hei"), (InboundRuleKind.SignUp, "g1")], removed.Keywords["KLUBB"].Rules.Select(r => (r.Kind, r.Target)));
        Assert.Equal(RefusalKind.NotFound, gone.Kind);
    }
}
