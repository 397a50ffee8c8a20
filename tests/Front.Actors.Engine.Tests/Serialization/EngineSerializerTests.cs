using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Campaigns;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Persistence;
using Front.Actors.Engine.Serialization;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.Serialization;

public class EngineSerializerTests : TestKit
{
    public static TheoryData<object> Persisted => new()
    {
        new AccountEvents.MessagesAdmitted(3, 7, "2026-11"),
        AccountState.Empty.Apply(new AccountEvents.MessagesAdmitted(10, 12, "2026-11"))
            .Apply(new AccountEvents.ItemHeld(new HeldItem("i1", Front.Actors.Domain.Misuse.HoldRule.UnapprovedLink, "link to x.com", ["x.com"], ["m1"], 1, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero))))
            .Apply(new AccountEvents.DomainApproved("butikk.no", "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero))),
        new AccountEvents.ItemHeld(new HeldItem("i1", Front.Actors.Domain.Misuse.HoldRule.BulkSend, "600 recipients", [], ["m1", "m2"], 2, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero))),
        new AccountEvents.DomainApproved("butikk.no", "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.ItemApproved("i1", "mod", "ok", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "2026-11"),
        new AccountEvents.ItemRejected("i1", "mod", "no", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.LimitsChanged(new Front.Actors.Domain.Misuse.AccountLimits(10, 1000, 50), "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.AccountSuspended("mod", "spam", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.AccountResumed("mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.SenderRegistered("Front", "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.SenderRemoved("Front", "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new AccountEvents.ItemHeld(new HeldItem("i2", Front.Actors.Domain.Misuse.HoldRule.UnregisteredSender, "not registered", [], ["m3"], 1, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), "Butikken")),
        new ConversationEvents.Opened("acme", "2401", "+4791234567", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.MessageReceived("in_1", "Hei på deg 😀", "PIZZA", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.ReplyWritten("m1", "Hei!", "kari", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.MarkedRead("kari", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.AssignmentChanged(null, "kari", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.Closed("kari", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.Reopened("contact", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.OptedOut("STOPP", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ConversationEvents.OptedIn("START", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        ConversationState.Empty.Apply(new ConversationEvents.Opened("acme", "2401", "+4791234567", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)))
            .Apply(new ConversationEvents.AssignmentChanged("kari", "kari", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)))
            .Apply(new ConversationEvents.MessageReceived("in_1", "Hei", null, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero))),
        new ShortNumberEvents.NumberConfigured("acme", true, "Ukjent kodeord", "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ShortNumberEvents.RateSet(25, "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ShortNumberEvents.KeywordRegistered("BLÅBÆR", "acme", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ShortNumberEvents.KeywordReleased("BLÅBÆR", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        new ShortNumberEvents.RulesSet("PIZZA", "EKSTRA", [new InboundRule(InboundRuleKind.Webhook, "https://x.no/h", "secret")], new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)),
        ShortNumberState.Empty.Apply(new ShortNumberEvents.NumberConfigured("acme", true, null, "mod", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)))
            .Apply(new ShortNumberEvents.KeywordRegistered("PIZZA", "acme", new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)))
            .Apply(new ShortNumberEvents.RulesSet("PIZZA", "EKSTRA", [new InboundRule(InboundRuleKind.AutoReply, "Takk!")], new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero))),
        new CampaignEvents.Created(CampaignDefinitionSample, "marketer", T),
        new CampaignEvents.HeldForReview("unapproved-link", "link to x.com", "marketer", T, true),
        new CampaignEvents.ApprovalRequested("marketer", T),
        new CampaignEvents.Approved("admin", T),
        new CampaignEvents.HoldApproved("mod", "ok", T),
        new CampaignEvents.HoldRejected("mod", "no", T),
        new CampaignEvents.Scheduled(T.AddHours(1), T),
        new CampaignEvents.Started(T),
        new CampaignEvents.AudienceSnapshotted(10, new Dictionary<string, long> { ["opted-out"] = 2 }, T),
        new CampaignEvents.WindowClosed(T.AddHours(12), T),
        new CampaignEvents.WindowOpened(T),
        new CampaignEvents.Paused("marketer", T),
        new CampaignEvents.Resumed("marketer", T),
        new CampaignEvents.Cancelled("marketer", "cancelled", T),
        new CampaignEvents.Finished(T),
        CampaignState.Empty("cmp_1").Apply(new CampaignEvents.Created(CampaignDefinitionSample, "marketer", T)).Apply(new CampaignEvents.Started(T))
            .Apply(new CampaignEvents.AudienceSnapshotted(10, new Dictionary<string, long> { ["duplicate"] = 1 }, T)),
    };

    private static readonly DateTimeOffset T = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static readonly CampaignDefinition CampaignDefinitionSample = new("acme", "Vårsalg", "Front", "Hei {firstName|kunde}!", "tpl_1", ["g1", "g2"], 50,
        T.AddDays(1), new WindowSpec("09:00", "20:00", ["weekdays"]), TimeSpan.FromDays(1));

    [Theory]
    [MemberData(nameof(Persisted))]
    public void Every_persisted_type_round_trips_through_its_manifest(object value)
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);

        var manifest = serializer.Manifest(value);
        var back = serializer.FromBinary(serializer.ToBinary(value), manifest);

        // Collections compare by reference in records, so compare what is stored.
        Assert.Equal(value.GetType(), back.GetType());
        Assert.Equal(Convert.ToHexString(serializer.ToBinary(value)), Convert.ToHexString(serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(Persisted))]
    public void The_system_picks_this_serializer_for_every_persisted_type_snapshots_included(object value) =>
        Assert.IsType<EngineSerializer>(Sys.Serialization.FindSerializerFor(value));

    [Fact]
    public void The_round_trip_cases_cover_every_persisted_type() =>
        Assert.Equal(EngineSerializer.PersistedTypes.OrderBy(t => t.FullName), ((IEnumerable<object[]>)Persisted).Select(row => row[0].GetType()).Distinct().OrderBy(t => t.FullName));

    /// <summary>
    /// Found, not listed: the state of every entity built on <see cref="PersistentEntity{TState, TEvent}"/> and
    /// every concrete type of its event interface, plus anything else in the engine marked <see cref="IPersisted"/>.
    /// A new event or state type shows up here whether or not anybody remembered the serializer.
    /// </summary>
    public static TheoryData<Type> FoundPersisted
    {
        get
        {
            var engine = typeof(PersistentEntity<,>).Assembly.GetTypes();
            var entities = engine.Select(EntityBase).OfType<Type>().ToList();
            Assert.NotEmpty(entities);
            var found = entities.SelectMany(e => engine.Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(e.GetGenericArguments()[1]))
                    .Prepend(e.GetGenericArguments()[0]))
                .Concat(engine.Where(t => t is { IsAbstract: false, IsInterface: false } && t.IsAssignableTo(typeof(IPersisted))));
            return new TheoryData<Type>(found.Distinct().OrderBy(t => t.FullName));
        }
    }

    private static Type? EntityBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(PersistentEntity<,>))
                return t;
        return null;
    }

    [Theory]
    [MemberData(nameof(FoundPersisted))]
    public void Every_entitys_state_and_events_are_written_by_this_serializer_under_a_manifest(Type type)
    {
        // Only the type matters to the choice of serializer and manifest, so an empty instance will do.
        var instance = RuntimeHelpers.GetUninitializedObject(type);

        Assert.IsType<EngineSerializer>(Sys.Serialization.FindSerializerFor(instance));
        Assert.NotEmpty(new EngineSerializer((ExtendedActorSystem)Sys).Manifest(instance));
    }

    [Fact]
    public void The_serializers_table_holds_exactly_the_entities_states_and_events() =>
        Assert.Equal(((IEnumerable<object[]>)FoundPersisted).Select(row => (Type)row[0]), EngineSerializer.PersistedTypes.OrderBy(t => t.FullName));

    [Fact]
    public void A_conversation_snapshot_from_before_threads_remembered_message_ids_still_reads()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var old = """{"AccountId":"acme","OurNumber":"2401","Contact":"+4791234567","Messages":3,"Unread":1,"AssignedTo":null,"Closed":false,"OptedOut":false,"LastMessage":"Hei","LastMessageAt":null}"""u8.ToArray();

        var state = (ConversationState)serializer.FromBinary(old, "conversation-state-v1");

        Assert.Equal((3L, false), (state.Messages, state.Has("in_1")));
        Assert.True(state.Apply(new ConversationEvents.MessageReceived("in_1", "Hei", null, DateTimeOffset.UnixEpoch)).Has("in_1"));
    }

    [Fact]
    public void An_account_snapshot_and_a_held_item_from_before_sender_names_still_read()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var held = """{"Item":{"ItemId":"i1","Rule":1,"Details":"600 recipients","Domains":[],"MessageIds":["m1"],"Segments":1,"HeldAt":"2026-11-22T10:00:00+00:00"}}"""u8.ToArray();
        var snapshot = Convert.ToHexString(serializer.ToBinary(AccountState.Empty));
        var old = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Convert.FromHexString(snapshot)).Replace(",\"Senders\":[]", ""));

        var item = ((AccountEvents.ItemHeld)serializer.FromBinary(held, "account-held-v1")).Item;
        var state = (AccountState)serializer.FromBinary(old, "account-state-v2");

        Assert.Null(item.Sender);
        Assert.DoesNotContain("Senders", System.Text.Encoding.UTF8.GetString(old));
        Assert.Empty(state.Senders);
    }

    [Fact]
    public void A_campaign_created_before_opt_out_footers_and_lists_still_reads()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);
        var created = new CampaignEvents.Created(CampaignDefinitionSample with { Footer = "Reservér deg: send STOPP DEMO til 2401", ListSize = 3 }, "marketer", T);
        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(created));
        var old = System.Text.RegularExpressions.Regex.Replace(json, @",""(Footer|ListSize)"":(""[^""]*""|\d+)", "");

        var back = (CampaignEvents.Created)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(old), "campaign-created-v1");
        var now = (CampaignEvents.Created)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(json), "campaign-created-v1");

        Assert.DoesNotContain("Footer", old);
        Assert.DoesNotContain("ListSize", old);
        Assert.Equal((null, 0, "Hei {firstName|kunde}!"), (back.Definition.Footer, back.Definition.ListSize, back.Definition.SendText));
        Assert.Equal(("Reservér deg: send STOPP DEMO til 2401", 3), (now.Definition.Footer, now.Definition.ListSize));
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        var serializer = new EngineSerializer((ExtendedActorSystem)Sys);

        Assert.Throws<SerializationException>(() => serializer.FromBinary([], "nope-v1"));
    }

    public EngineSerializerTests() : base(TestConfig.Patient + """

        akka.actor {
          serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
          serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
          serialization-identifiers { "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine" = 4711 }
        }
        """)
    {
    }
}
