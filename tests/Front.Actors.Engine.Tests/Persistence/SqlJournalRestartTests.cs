using Akka.Actor;
using Akka.Configuration;
using Front.Actors.Domain.Misuse;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.ShortNumbers;

namespace Front.Actors.Engine.Tests.Persistence;

/// <summary>
/// The entities' important state survives a restart of the whole actor system on the real SQL journal and
/// snapshot store (a SQLite file) through the engine's serializer, not only on the in-memory journal.
/// </summary>
public class SqlJournalRestartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _file = TempFiles.NewPath("fa-journal", ".db");

    private Config Config => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.persistence {
          journal.plugin = "akka.persistence.journal.sql"
          journal.sql { connection-string = "Data Source={{_file}}", provider-name = "SQLite.MS", class = "Front.Actors.Engine.Persistence.GroupCommitJournal, Front.Actors.Engine" }
          snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
          snapshot-store.sql { connection-string = "Data Source={{_file}}", provider-name = "SQLite.MS" }
        }
        akka.actor {
          serializers.front-actors = "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine"
          serialization-bindings { "Front.Actors.Engine.Serialization.IPersisted, Front.Actors.Engine" = front-actors }
          serialization-identifiers { "Front.Actors.Engine.Serialization.EngineSerializer, Front.Actors.Engine" = 4711 }
        }
        """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    /// <summary>Runs <paramref name="work"/> in an actor system of its own, then terminates it (as a process stop would).</summary>
    private async Task<T> InSystemAsync<T>(Func<ActorSystem, Task<T>> work)
    {
        var system = ActorSystem.Create("journal-" + Guid.NewGuid().ToString("N")[..8], Config);
        try
        {
            return await work(system);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task An_accounts_limits_held_items_and_decisions_survive_a_restart_on_the_sql_journal()
    {
        var (kept, decided) = await InSystemAsync(async system =>
        {
            var account = system.ActorOf(Props.Create(() => new AccountActor("acme")));
            await account.Ask<AccountReplies.Done>(new AccountCommands.SetLimits("acme", AccountLimits.Default with { BulkThreshold = 2 }, "mod"), Timeout);
            var first = await account.Ask<AccountReplies.Held>(new AccountCommands.Admit("acme", "item-1", ["m1", "m2", "m3"], 1, "Hei"), Timeout);
            var second = await account.Ask<AccountReplies.Held>(new AccountCommands.Admit("acme", "item-2", ["m4", "m5", "m6"], 1, "Hei"), Timeout);
            await account.Ask<AccountReplies.Decided>(new AccountCommands.Decide("acme", second.ItemId, false, "mod", "no"), Timeout);
            return (first.ItemId, second.ItemId);
        });

        var (usage, again) = await InSystemAsync(async system =>
        {
            var account = system.ActorOf(Props.Create(() => new AccountActor("acme")));
            return (await account.Ask<AccountReplies.Usage>(new AccountCommands.GetUsage("acme"), Timeout),
                await account.Ask<object>(new AccountCommands.Decide("acme", decided, true, "mod", "changed my mind"), Timeout));
        });

        Assert.Equal(2, usage.Limits.BulkThreshold);
        Assert.Equal([kept], usage.HeldItems.Select(i => i.ItemId));
        Assert.False(Assert.IsType<AccountReplies.AlreadyDecided>(again).Approved);
    }

    [Fact]
    public async Task A_threads_assignment_opt_out_and_known_message_ids_survive_a_restart_on_the_sql_journal()
    {
        var id = ConversationIds.For("acme", "2401", "+4791234567");
        await InSystemAsync(async system =>
        {
            var thread = system.ActorOf(Props.Create(() => new ConversationActor(id)));
            await thread.Ask<ConversationReplies.IReply>(new ConversationCommands.Receive(id, "acme", "2401", "+4791234567", "in_1", "Hei", null, OptChange.None), Timeout);
            await thread.Ask<ConversationReplies.IReply>(new ConversationCommands.Claim(id, "kari"), Timeout);
            return await thread.Ask<ConversationReplies.IReply>(new ConversationCommands.Receive(id, "acme", "2401", "+4791234567", "in_2", "STOPP", null, OptChange.OptOut), Timeout);
        });

        var (state, repeated) = await InSystemAsync(async system =>
        {
            var thread = system.ActorOf(Props.Create(() => new ConversationActor(id)));
            var again = (ConversationReplies.Changed)await thread.Ask<ConversationReplies.IReply>(
                new ConversationCommands.Receive(id, "acme", "2401", "+4791234567", "in_1", "Hei", null, OptChange.None), Timeout);
            return (again.State, again.AlreadyHad);
        });

        Assert.Equal(("kari", true, 2L), (state.AssignedTo, state.OptedOut, state.Messages));
        Assert.True(repeated);
    }

    [Fact]
    public async Task A_numbers_owner_rate_keywords_and_rules_survive_a_restart_on_the_sql_journal()
    {
        await InSystemAsync(async system =>
        {
            var number = system.ActorOf(Props.Create(() => new ShortNumberActor("2405")));
            await number.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.Configure("2405", "provider", true, "Ukjent", "mod"), Timeout);
            await number.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.SetRate("2405", 35, "mod"), Timeout);
            await number.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.RegisterKeyword("2405", "KAFFE", "acme"), Timeout);
            return await number.Ask<ShortNumberReplies.Info>(new ShortNumberCommands.SetRules("2405", "acme", "KAFFE", null,
                [new InboundRule(InboundRuleKind.AutoReply, "Takk!")]), Timeout);
        });

        var state = await InSystemAsync(async system =>
            (await system.ActorOf(Props.Create(() => new ShortNumberActor("2405"))).Ask<ShortNumberReplies.Info>(new ShortNumberCommands.GetInfo("2405"), Timeout)).State);

        Assert.Equal(("provider", true, (int?)35), (state.OwnerAccountId, state.Shared, state.MessagesPerSecond));
        Assert.Equal((InboundRuleKind.AutoReply, "Takk!"), (Assert.Single(state.Keywords["KAFFE"].Rules).Kind, state.Keywords["KAFFE"].Rules[0].Target));
    }
}
