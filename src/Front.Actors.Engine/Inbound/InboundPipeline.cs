using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Front.Actors.Domain.Inbound;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// Carries mobile-originated messages from the binds to their conversations: read and reassemble →
/// route by number and keyword (the number's entity) → the conversation entity (journaled, then stored and
/// pushed to agents) → the number's rules (auto-reply, forward, webhook) in the order configured.
/// Messages are spread over lanes by contact, so one contact's messages keep their order while others
/// proceed. Nothing is dropped: what cannot be routed is kept as unrouted with the reason.
/// </summary>
public sealed class InboundPipeline(
    ActorSystem system, OperatorBinds binds, NumberService numbers, ConversationService conversations, ConversationStore store,
    MessageIntake intake, IWebhookSender webhooks, AgentRoundRobin roundRobin, InboundOptions options)
{
    private const int ReplySegments = 3;
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(InboundPipeline));
    // Each part is tagged with how to answer the operator for it: answered once the whole message is stored.
    private readonly InboundAssembler<Action<bool>> _assembler = new(options.PartTimeout);
    private readonly Lock _assemblerLock = new();
    private readonly OptOutWords _optOutWords = new(options.StopWords, options.StartWords);
    private readonly List<Channel<MobileOriginated>> _lanes = new();
    private Timer? _expiry;

    public void Start()
    {
        for (var i = 0; i < Math.Max(1, options.Lanes); i++)
        {
            var lane = Channel.CreateBounded<MobileOriginated>(new BoundedChannelOptions(1_000) { SingleReader = true });
            _lanes.Add(lane);
            _ = Task.Run(() => RunLaneAsync(lane.Reader));
        }
        _ = Task.Run(DispatchAsync);
        _expiry = new Timer(_ => _ = ExpireIncompleteAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    private async Task DispatchAsync()
    {
        await foreach (var mo in binds.MobileOriginated.ReadAllAsync())
            await _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(mo.Pdu.SourceAddr) % (uint)_lanes.Count)].Writer.WriteAsync(mo);
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
    }

    private async Task RunLaneAsync(ChannelReader<MobileOriginated> lane)
    {
        await foreach (var mo in lane.ReadAllAsync())
        {
            try
            {
                await HandleAsync(mo);
            }
            catch (Exception e)
            {
                // Kept, not lost: an operator will see it among the unrouted messages; if even that fails, the SMSC resends it.
                _log.Error(e, "Inbound message from {0} to {1} on {2} failed", mo.Pdu.SourceAddr, mo.Pdu.DestinationAddr, mo.Bind);
                try
                {
                    await KeepUnroutedAsync(mo.Bind, mo.Pdu.SourceAddr, mo.Pdu.DestinationAddr, "", $"failed: {e.Message}");
                    mo.Settle(true);
                }
                catch (Exception again)
                {
                    _log.Error(again, "Could not keep the failed inbound message either; the operator will resend it");
                    mo.Settle(false);
                }
            }
        }
    }

    private async Task HandleAsync(MobileOriginated mo)
    {
        if (!InboundSms.TryRead(mo.Pdu, out var sms, out var reason))
        {
            await KeepUnroutedAsync(mo.Bind, mo.Pdu.SourceAddr, mo.Pdu.DestinationAddr, "", reason);
            mo.Settle(true);
            return;
        }
        AssemblyResult<Action<bool>> assembled;
        lock (_assemblerLock)
            assembled = _assembler.Add(sms.From, sms.To, sms.Concatenation, sms.Text, DateTimeOffset.UtcNow, mo.Settle);
        if (!assembled.Complete)
            return;
        var settles = assembled.Tags.ToList();
        try
        {
            await RouteAsync(mo.Bind, sms.From, sms.To, assembled.Text ?? "", settles);
        }
        catch (Exception e)
        {
            // Kept whole (all its parts) as unrouted rather than half-acknowledged.
            _log.Error(e, "Inbound message from {0} to {1} failed", sms.From, sms.To);
            await KeepUnroutedAsync(mo.Bind, sms.From, sms.To, assembled.Text ?? "", $"failed: {e.Message}");
            settles.ForEach(settle => settle(true));
        }
    }

    private async Task ExpireIncompleteAsync()
    {
        IReadOnlyList<IncompleteMessage<Action<bool>>> expired;
        lock (_assemblerLock)
            expired = _assembler.Expire(DateTimeOffset.UtcNow);
        foreach (var incomplete in expired)
        {
            var settles = incomplete.Tags.ToList();
            _log.Warning("Long message from {0} to {1}: {2} of {3} parts arrived; delivering what came", incomplete.From, incomplete.To,
                incomplete.PartsReceived, incomplete.PartsTotal);
            try
            {
                await RouteAsync("", incomplete.From, incomplete.To, incomplete.Text, settles);
            }
            catch (Exception e)
            {
                _log.Error(e, "Incomplete inbound message from {0} failed; the operator will resend its parts", incomplete.From);
                settles.ForEach(settle => settle(false));
            }
        }
    }

    /// <summary>Routes and stores the message, then answers the operator (<paramref name="settles"/>), then runs the rules.</summary>
    private async Task RouteAsync(string bind, string from, string to, string text, List<Action<bool>> settles)
    {
        var words = InboundWords.Parse(text);
        if (words.First is null)
        {
            await KeepUnroutedAsync(bind, from, to, text, "the message has no text");
            settles.ForEach(settle => settle(true));
            return;
        }
        var route = await numbers.RouteAsync(to, words.First, words.Second);
        if (!route.Known)
        {
            await KeepUnroutedAsync(bind, from, to, text, $"{to} is not one of our numbers");
            settles.ForEach(settle => settle(true));
            return;
        }

        var accountId = route.AccountId!;
        var conversationId = ConversationIds.For(accountId, to, from);
        var opt = _optOutWords.Classify(text) switch
        {
            OptOutIntent.OptOut => OptChange.OptOut,
            OptOutIntent.OptIn => OptChange.OptIn,
            _ => OptChange.None,
        };
        var reply = await conversations.ReceiveAsync(new ConversationCommands.Receive(
            conversationId, accountId, to, from, "in_" + Guid.CreateVersion7().ToString("N"), words.Text, route.Keyword, opt));
        settles.ForEach(settle => settle(true)); // journaled and in the read model: the operator may forget it
        if (opt != OptChange.None)
            return; // a stop or start word is a request to us, not a message for the rules

        try
        {
            if (options.RoundRobin && reply is ConversationReplies.Changed { State.AssignedTo: null } && roundRobin.Next(accountId) is { } agent)
                await conversations.CommandAsync(new ConversationCommands.AssignIfFree(conversationId, agent, "round-robin"));
            if (route.DefaultReply is { Length: > 0 } defaultReply)
                await AutoReplyAsync(conversationId, defaultReply);
            foreach (var rule in route.Rules)
                await RunRuleAsync(rule, accountId, conversationId, route, from, to, words.Text);
        }
        catch (Exception e)
        {
            // The message itself is stored; a failing rule is logged, not retried as a new message.
            _log.Error(e, "Rules for the message from {0} to {1} failed", from, to);
        }
    }

    private async Task RunRuleAsync(InboundRule rule, string accountId, string conversationId, InboundRoute route, string from, string to, string text)
    {
        try
        {
            switch (rule.Kind)
            {
                case InboundRuleKind.AutoReply:
                    await AutoReplyAsync(conversationId, rule.Target);
                    break;
                case InboundRuleKind.ForwardToNumber:
                    await intake.SendAsync(new SendCommand(accountId, to, [rule.Target], $"Fra {from}: {text}", null), ReplySegments);
                    break;
                case InboundRuleKind.Webhook:
                    webhooks.Enqueue(new WebhookDelivery(accountId, rule.Target, rule.Secret,
                        new InboundWebhookBody(conversationId + ":" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), from, to, text, route.Keyword, route.SubKeyword, conversationId, DateTimeOffset.UtcNow)));
                    break;
            }
        }
        catch (SendRefusedException e)
        {
            // The same checks as every outbound message; a refused rule must not stop the others.
            _log.Warning("Rule {0} on {1} refused: {2}", rule.Kind, to, e.Message);
        }
    }

    private async Task AutoReplyAsync(string conversationId, string text)
    {
        if (await conversations.ReplyAsync(conversationId, "auto-reply", text, ReplySegments) is ReplyOutcome.Refused refused)
            _log.Warning("Auto-reply in {0} refused: {1}", conversationId, refused.Reason);
    }

    private Task KeepUnroutedAsync(string bind, string from, string to, string text, string reason)
    {
        _log.Warning("Inbound message from {0} to {1} not routed: {2}", from, to, reason);
        return store.AddUnroutedAsync(new UnroutedInboundRecord
        {
            Id = "in_" + Guid.CreateVersion7().ToString("N"), Bind = bind, From = from, To = to, Text = text, Reason = reason, At = DateTimeOffset.UtcNow,
        });
    }

    public void Stop() => _expiry?.Dispose();
}
