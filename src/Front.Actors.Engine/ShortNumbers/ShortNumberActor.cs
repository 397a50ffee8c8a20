using Akka.Actor;
using Front.Actors.Engine.Persistence;

namespace Front.Actors.Engine.ShortNumbers;

/// <summary>
/// One per short number or virtual number, sharded and event-sourced: who owns it, whether it is shared,
/// its keywords and sub-keywords (unique per number), their auto-reply and forwarding rules, and the
/// number's own sending rate. Routes inbound messages by keyword. Replies after the events are journaled.
/// </summary>
public sealed class ShortNumberActor : PersistentEntity<ShortNumberState, ShortNumberEvents.IShortNumberEvent>
{
    private const int SnapshotEvery = 100;

    public ShortNumberActor(string number) : base($"short-number-{number}", ShortNumberState.Empty, SnapshotEvery, idleAfter: null)
    {
        Command<ShortNumberCommands.Configure>(c =>
        {
            var now = DateTimeOffset.UtcNow;
            // A new owner starts clean: the old owner's keywords and rules go, in the journal, before the change.
            var cleared = State.ClearedForNewOwner(c.OwnerAccountId, now);
            var released = cleared.OfType<ShortNumberEvents.KeywordReleased>().Select(e => e.Keyword).ToHashSet();
            if (!c.Shared && State.Keywords.Any(k => k.Value.AccountId != c.OwnerAccountId && !released.Contains(k.Key)))
            {
                Refuse(c.Number, RefusalKind.Invalid, "shared", "other accounts have keywords on this number; release them before making it an owned number");
                return;
            }
            PersistAndReply(c.Number, [.. cleared, new ShortNumberEvents.NumberConfigured(c.OwnerAccountId, c.Shared, c.DefaultReply, c.By, now)]);
        });

        Command<ShortNumberCommands.SetRate>(c =>
        {
            if (c.MessagesPerSecond is < 1 or > 100_000)
            {
                Refuse(c.Number, RefusalKind.Invalid, "messagesPerSecond", "must be between 1 and 100000, or null for no limit of its own");
                return;
            }
            PersistAndReply(c.Number, new ShortNumberEvents.RateSet(c.MessagesPerSecond, c.By, DateTimeOffset.UtcNow));
        });

        Command<ShortNumberCommands.RegisterKeyword>(c =>
        {
            if (State.RefuseKeyword(c.Keyword, c.AccountId) is { } refusal)
                Refuse(c.Number, refusal.Kind, refusal.Field, refusal.Reason);
            else if (State.Keywords.ContainsKey(c.Keyword))
                Sender.Tell(new ShortNumberReplies.Info(c.Number, State, LastSequenceNr)); // already this account's: nothing changes
            else
                PersistAndReply(c.Number, new ShortNumberEvents.KeywordRegistered(c.Keyword, c.AccountId, DateTimeOffset.UtcNow));
        });

        Command<ShortNumberCommands.ReleaseKeyword>(c =>
        {
            if (!State.Keywords.TryGetValue(c.Keyword, out var entry) || entry.AccountId != c.AccountId)
                Refuse(c.Number, RefusalKind.NotFound, "keyword", $"'{c.Keyword}' is not this account's keyword on {c.Number}");
            else
                PersistAndReply(c.Number, new ShortNumberEvents.KeywordReleased(c.Keyword, DateTimeOffset.UtcNow));
        });

        Command<ShortNumberCommands.SetRules>(c =>
        {
            if (State.RefuseRules(c.AccountId, c.Keyword, c.SubKeyword) is { } refusal)
                Refuse(c.Number, refusal.Kind, refusal.Field, refusal.Reason);
            else
                PersistAndReply(c.Number, new ShortNumberEvents.RulesSet(c.Keyword, c.SubKeyword, c.Rules, DateTimeOffset.UtcNow));
        });

        // Sign-ups change one rule of a keyword, judged against the rules as the entity has them, so two people
        // editing the keyword at once cannot undo each other's change.
        Command<ShortNumberCommands.PutSignUp>(c =>
        {
            if (State.RefuseRules(c.AccountId, c.Keyword, c.SubKeyword) is { } refusal)
            {
                Refuse(c.Number, refusal.Kind, refusal.Field, refusal.Reason);
                return;
            }
            var rules = State.WithSignUp(c.Keyword, c.SubKeyword, c.GroupId, c.Reply);
            if (rules.Count > c.MaxRules)
                Refuse(c.Number, RefusalKind.Invalid, "groupId", $"the keyword has {c.MaxRules} rules already, the most it may have");
            else
                PersistAndReply(c.Number, new ShortNumberEvents.RulesSet(c.Keyword, c.SubKeyword, rules, DateTimeOffset.UtcNow));
        });

        Command<ShortNumberCommands.RemoveSignUp>(c =>
        {
            if (State.RefuseRules(c.AccountId, c.Keyword, c.SubKeyword) is { } refusal)
                Refuse(c.Number, refusal.Kind, refusal.Field, refusal.Reason);
            else if (State.WithoutSignUp(c.Keyword, c.SubKeyword, c.GroupId) is { } rules)
                PersistAndReply(c.Number, new ShortNumberEvents.RulesSet(c.Keyword, c.SubKeyword, rules, DateTimeOffset.UtcNow));
            else
                Refuse(c.Number, RefusalKind.NotFound, "groupId", "the keyword has no sign-up to this group");
        });

        Command<ShortNumberCommands.Route>(c => Sender.Tell(State.Route(c.Number, c.First, c.Second)));
        Command<ShortNumberCommands.GetInfo>(c => Sender.Tell(new ShortNumberReplies.Info(c.Number, State, LastSequenceNr)));
    }

    protected override ShortNumberState Apply(ShortNumberState state, ShortNumberEvents.IShortNumberEvent @event) => state.Apply(@event);

    private void Refuse(string number, RefusalKind kind, string field, string reason) => Sender.Tell(new ShortNumberReplies.Refused(number, field, reason, kind));

    private void PersistAndReply(string number, ShortNumberEvents.IShortNumberEvent @event) => PersistAndReply(number, [@event]);

    /// <summary>Journals the events together and answers with the number as they leave it.</summary>
    private void PersistAndReply(string number, IReadOnlyList<ShortNumberEvents.IShortNumberEvent> events) =>
        PersistAndReply(events, state => new ShortNumberReplies.Info(number, state, LastSequenceNr));
}

/// <summary>Marks the number shard region in the actor registry.</summary>
public sealed class ShortNumberRegion;

/// <summary>Routes number commands by number over a fixed number of shards (never change it once data exists).</summary>
public sealed class ShortNumberMessageExtractor() : EntityMessageExtractor<ShortNumberCommands.IWithNumber>(c => c.Number);
