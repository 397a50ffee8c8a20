using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using static Front.Actors.Engine.Conversations.ConversationEvents;

namespace Front.Actors.Engine.Conversations;

/// <summary>
/// One per (account, our number, contact number), sharded and event-sourced: the thread's order of
/// messages, unread count, assignment, closed/reopened and opt-out. Its mailbox serialises everything about
/// the thread, so inbound messages and replies are journaled in the order they came. Idle threads
/// passivate; their history is in the journal and the read model, not in memory.
/// </summary>
public sealed class ConversationActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 200;
    public static readonly TimeSpan DefaultIdleAfter = TimeSpan.FromMinutes(2);

    private ConversationState _state = ConversationState.Empty;

    public ConversationActor(string conversationId) : this(conversationId, DefaultIdleAfter)
    {
    }

    /// <param name="idleAfter">How long without a command before the entity asks its shard to passivate it.</param>
    public ConversationActor(string conversationId, TimeSpan idleAfter)
    {
        PersistenceId = $"conversation-{conversationId}";
        Context.SetReceiveTimeout(idleAfter);

        Recover<IConversationEvent>(e => _state = _state.Apply(e));
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ConversationState state)
                _state = state;
        });

        Command<ConversationCommands.Receive>(c =>
        {
            if (_state.Has(c.MessageId))
            {
                Sender.Tell(new ConversationReplies.Changed(c.ConversationId, _state, [], AlreadyHad: true));
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var events = new List<IConversationEvent>();
            if (!_state.Exists)
                events.Add(new Opened(c.AccountId, c.OurNumber, c.Contact, now));
            else if (_state.Closed)
                events.Add(new Reopened("contact", now));
            events.Add(new MessageReceived(c.MessageId, c.Text, c.Keyword, now));
            if (c.OptOut == OptChange.OptOut && !_state.OptedOut)
                events.Add(new OptedOut(c.OptWord ?? FirstWord(c.Text), now));
            else if (c.OptOut == OptChange.OptIn && _state.OptedOut)
                events.Add(new OptedIn(c.OptWord ?? FirstWord(c.Text), now));
            PersistAndReply(c.ConversationId, events);
        });

        Command<ConversationCommands.RecordReply>(c => IfExists(c, () =>
        {
            if (_state.Has(c.MessageId))
            {
                Sender.Tell(new ConversationReplies.Changed(c.ConversationId, _state, [], AlreadyHad: true));
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var events = new List<IConversationEvent>();
            if (_state.Closed)
                events.Add(new Reopened(c.Author, now));
            events.Add(new ReplyWritten(c.MessageId, c.Text, c.Author, now));
            PersistAndReply(c.ConversationId, events);
        }));

        Command<ConversationCommands.MarkRead>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, _state.Unread == 0 ? [] : [new MarkedRead(c.Agent, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.Claim>(c => IfExists(c, () =>
        {
            if (_state.RefuseClaim(c.Agent) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, _state.AssignedTo == c.Agent ? [] : [new AssignmentChanged(c.Agent, c.Agent, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.Release>(c => IfExists(c, () =>
        {
            if (_state.RefuseHandOver(c.Agent) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, [new AssignmentChanged(null, c.Agent, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.Transfer>(c => IfExists(c, () =>
        {
            if (_state.RefuseHandOver(c.From) is { } reason)
                Refuse(c.ConversationId, reason);
            else
                PersistAndReply(c.ConversationId, [new AssignmentChanged(c.To, c.From, DateTimeOffset.UtcNow)]);
        }));

        Command<ConversationCommands.TakeBack>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, _state.AssignedTo is null ? [] : [new AssignmentChanged(null, c.By, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.AssignIfFree>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, _state.AssignedTo is null ? [new AssignmentChanged(c.Agent, c.By, DateTimeOffset.UtcNow)] : [])));

        Command<ConversationCommands.Close>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, _state.Closed ? [] : [new Closed(c.By, DateTimeOffset.UtcNow)])));

        Command<ConversationCommands.Reopen>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, _state.Closed ? [new Reopened(c.By, DateTimeOffset.UtcNow)] : [])));

        Command<ConversationCommands.FollowOpt>(c => IfExists(c, () =>
            PersistAndReply(c.ConversationId, (c.Change, _state.OptedOut) switch
            {
                (OptChange.OptOut, false) => [new OptedOut(c.Word, DateTimeOffset.UtcNow)],
                (OptChange.OptIn, true) => [new OptedIn(c.Word, DateTimeOffset.UtcNow)],
                _ => [],
            })));

        Command<ConversationCommands.Get>(c => Sender.Tell(new ConversationReplies.Changed(c.ConversationId, _state, [])));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(_ => { });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public override string PersistenceId { get; }

    private static string FirstWord(string text) => text.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private void IfExists(ConversationCommands.IWithConversationId command, Action then)
    {
        if (_state.Exists)
            then();
        else
            Sender.Tell(new ConversationReplies.Refused(command.ConversationId, $"no conversation '{command.ConversationId}'", Conflict: false));
    }

    private void Refuse(string conversationId, string reason) => Sender.Tell(new ConversationReplies.Refused(conversationId, reason, Conflict: true));

    private void PersistAndReply(string conversationId, IReadOnlyList<IConversationEvent> events)
    {
        if (events.Count == 0)
        {
            Sender.Tell(new ConversationReplies.Changed(conversationId, _state, []));
            return;
        }
        var sender = Sender;
        var last = events[^1];
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            if (!ReferenceEquals(e, last))
                return;
            sender.Tell(new ConversationReplies.Changed(conversationId, _state, events, LastSequenceNr: LastSequenceNr));
            if (LastSequenceNr % SnapshotEvery < events.Count)
                SaveSnapshot(_state);
        });
    }
}

/// <summary>Marks the conversation shard region in the actor registry.</summary>
public sealed class ConversationRegion;

public sealed class ConversationMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => (message as ConversationCommands.IWithConversationId)?.ConversationId;
}
