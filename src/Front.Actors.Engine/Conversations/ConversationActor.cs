using Akka.Actor;
using Front.Actors.Engine.Persistence;
using static Front.Actors.Engine.Conversations.ConversationEvents;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// One per (account, our number, contact number), sharded and event-sourced: the thread's order of
/// messages, unread count, assignment, closed/reopened and opt-out. Its mailbox serialises everything about
/// the thread, so inbound messages and replies are journaled in the order they came. Idle threads
/// passivate; their history is in the journal and the read model, not in memory.
/// </summary>
public sealed class ConversationActor : PersistentEntity<ConversationState, IConversationEvent>
{
    private const int SnapshotEvery = 200;
    /// <summary>Passivated by its shard when idle (<see cref="Hosting.FrontActorsAkka"/>).</summary>
    public ConversationActor(string conversationId) : this(conversationId, idleAfter: null)
    {
    }

    /// <param name="idleAfter">How long without a command before the entity asks its parent to passivate it (null: the shard does).</param>
    public ConversationActor(string conversationId, TimeSpan? idleAfter)
        : base($"conversation-{conversationId}", ConversationState.Empty, SnapshotEvery, idleAfter)
    {
        Command<ConversationCommands.Receive>(c =>
        {
            if (State.Has(c.MessageId))
            {
                Sender.Tell(new ConversationReplies.Changed(c.ConversationId, State, [], AlreadyHad: true));
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var events = new List<IConversationEvent>();
            if (!State.Exists)
                events.Add(new Opened(c.AccountId, c.OurNumber, c.Contact, now));
            else if (State.Closed)
                events.Add(new Reopened("contact", now));
            events.Add(new MessageReceived(c.MessageId, c.Text, c.Keyword, now));
            if (c.OptOut == OptChange.OptOut && !State.OptedOut)
                events.Add(new OptedOut(c.OptWord ?? FirstWord(c.Text), now));
            else if (c.OptOut == OptChange.OptIn && State.OptedOut)
                events.Add(new OptedIn(c.OptWord ?? FirstWord(c.Text), now));
            PersistAndReply(c.ConversationId, events);
        });

        Command<ConversationCommands.RecordReply>(c => IfExists(c, () =>
        {
            if (State.Has(c.MessageId))
            {
                Sender.Tell(new ConversationReplies.Changed(c.ConversationId, State, [], AlreadyHad: true));
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var events = new List<IConversationEvent>();
            if (State.Closed)
                events.Add(new Reopened(c.Author, now));
            events.Add(new ReplyWritten(c.MessageId, c.Text, c.Author, now));
            PersistAndReply(c.ConversationId, events);
        }));

        Command<ConversationCommands.MarkRead>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, State.Unread == 0 ? [] : [new MarkedRead(c.Agent, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.Claim>(c => IfExists(c, () =>
        {
            if (State.RefuseClaim(c.Agent) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, State.AssignedTo == c.Agent ? [] : [new AssignmentChanged(c.Agent, c.Agent, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.Release>(c => IfExists(c, () =>
        {
            if (State.RefuseHandOver(c.Agent) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, [new AssignmentChanged(null, c.Agent, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.Transfer>(c => IfExists(c, () =>
        {
            if (State.RefuseHandOver(c.From) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, [new AssignmentChanged(c.To, c.From, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.TakeBack>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, State.AssignedTo is null ? [] : [new AssignmentChanged(null, c.By, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.AssignIfFree>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, State.AssignedTo is null ? [new AssignmentChanged(c.Agent, c.By, DateTimeOffset.UtcNow)] : [])));

        Command<ConversationCommands.Close>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, State.Closed ? [] : [new Closed(c.By, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.Reopen>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, State.Closed ? [new Reopened(c.By, DateTimeOffset.UtcNow)] : [])));

        Command<ConversationCommands.FollowOpt>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, (c.Change, State.OptedOut) switch
            {
                (OptChange.OptOut, false) => [new OptedOut(c.Word, DateTimeOffset.UtcNow)],
                (OptChange.OptIn, true) => [new OptedIn(c.Word, DateTimeOffset.UtcNow)],
                _ => [],
            })));

        Command<ConversationCommands.Get>(c => Sender.Tell(new ConversationReplies.Changed(c.ConversationId, State, [])));
    }

    protected override ConversationState Apply(ConversationState state, IConversationEvent @event) => state.Apply(@event);

    private static string FirstWord(string text) => text.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private void IfExists(ConversationCommands.IWithConversationId command, Action then)
    {
        if (State.Exists)
            then();
        else
            Sender.Tell(new ConversationReplies.Refused(command.ConversationId, $"no conversation '{command.ConversationId}'", Conflict: false));
    }

    private void Refuse(string conversationId, string reason) => Sender.Tell(new ConversationReplies.Refused(conversationId, reason, Conflict: true));

    /// <summary>Journals the events (none: nothing changes) and answers with the thread as they leave it.</summary>
    private void PersistAndReply(string conversationId, IReadOnlyList<IConversationEvent> events) =>
        PersistAndReply(events, state => new ConversationReplies.Changed(conversationId, state, events, LastSequenceNr: LastSequenceNr));
}

/// <summary>Marks the conversation shard region in the actor registry.</summary>
public sealed class ConversationRegion;

/// <summary>Routes conversation commands by conversation id over a fixed number of shards (never change it once data exists).</summary>
public sealed class ConversationMessageExtractor() : EntityMessageExtractor<ConversationCommands.IWithConversationId>(c => c.ConversationId);
