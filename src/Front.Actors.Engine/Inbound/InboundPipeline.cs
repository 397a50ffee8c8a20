using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Front.Actors.Domain.Contacts;
using Front.Actors.Domain.Inbound;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.SignUps;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.ShortNumbers;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// Carries mobile-originated messages from the binds to their conversations:
/// read → store the part (then answer the operator) → join a long message from its stored parts → route by
/// number and keyword (the number's entity) → the conversation entity (journaled, then stored and pushed to
/// agents) → the number's rules (auto-reply, forward, webhook, sign-up) → the parts marked processed.
/// Every step after the store is repeatable with the same outcome (the message's id is its first part's id;
/// rules' sends carry a client reference made from it; the thread ignores a message id it already has), so a
/// crash anywhere after the store repeats the work from storage instead of losing or doubling it.
/// Messages are spread over lanes by contact, so one contact's messages keep their order while others proceed.
/// </summary>
public sealed class InboundPipeline(
    ActorSystem system, OperatorBinds binds, NumberService numbers, ConversationService conversations, ConversationStore store,
    InboundPartStore parts, MessageIntake intake, IWebhookSender webhooks, AgentRoundRobin roundRobin, InboundOptions options, SenderStore senders,
    SignUpStore signUps, InboundMetrics metrics)
{
    private const int ReplySegments = 3;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(InboundPipeline));
    private readonly OptOutWords _optOutWords = new(options.StopWords, options.StartWords);
    private readonly List<Channel<object>> _lanes = new();
    private Timer? _sweeper;

    /// <summary>Starts the lanes and the sweeper, and carries on with parts stored but not processed before a restart.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        for (var i = 0; i < Math.Max(1, options.Lanes); i++)
        {
            var lane = Channel.CreateBounded<object>(new BoundedChannelOptions(1_000) { SingleReader = true });
            _lanes.Add(lane);
            _ = Task.Run(() => RunLaneAsync(lane.Reader));
        }
        foreach (var part in await parts.PendingAsync(null, ct))
            await LaneOf(part.Source).Writer.WriteAsync(part, ct);
        _ = Task.Run(DispatchAsync);
        _sweeper = new Timer(_ => _ = SweepAsync(), null, SweepEvery, SweepEvery);
    }

    /// <summary>
    /// The contact's lane, the same whether the number comes as the operator wrote it (91234567, 4791234567) or as
    /// stored (+4791234567): its last eight digits choose it.
    /// </summary>
    private Channel<object> LaneOf(string source) =>
        _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(source.Length > 8 ? source[^8..] : source) % (uint)_lanes.Count)];

    private async Task DispatchAsync()
    {
        await foreach (var mo in binds.MobileOriginated.ReadAllAsync())
            await LaneOf(mo.Pdu.SourceAddr).Writer.WriteAsync(mo);
        foreach (var lane in _lanes)
            lane.Writer.TryComplete();
    }

    private async Task RunLaneAsync(ChannelReader<object> lane)
    {
        await foreach (var item in lane.ReadAllAsync())
        {
            try
            {
                if (item is MobileOriginated mo)
                    await ReceiveAsync(mo);
                else if (item is InboundPartRecord stored)
                    await ProcessAsync(stored, giveUpWaiting: false);
                else if (item is Sweep sweep)
                    await ProcessAsync(sweep.Part, sweep.GiveUpWaiting);
            }
            catch (Exception e)
            {
                // Stored parts are not lost: the sweeper carries them on later.
                _log.Error(e, "Inbound work failed; stored parts are tried again by the sweeper");
            }
        }
    }

    /// <summary>Stores the part and only then answers the operator; a part stored before is answered and not shown again.</summary>
    private async Task ReceiveAsync(MobileOriginated mo)
    {
        if (!InboundSms.TryRead(mo.Pdu, out var sms, out var reason))
        {
            try
            {
                await KeepUnroutedAsync(mo.Bind, mo.Pdu.SourceAddr, mo.Pdu.DestinationAddr, "", reason);
                mo.Settle(true);
            }
            catch (Exception e)
            {
                _log.Error(e, "Could not keep an unreadable inbound message; the operator will resend it");
                mo.Settle(false);
            }
            return;
        }
        var read = Stopwatch.GetTimestamp();
        var concatenation = sms.Concatenation is { Total: > 1 } c && c.Sequence >= 1 && c.Sequence <= c.Total ? c : (Domain.Text.ConcatenationInfo?)null;
        var part = new InboundPartRecord
        {
            Id = "in_" + Guid.CreateVersion7().ToString("N"), Bind = mo.Bind, Source = sms.From, Destination = sms.To, Text = sms.Text,
            Reference = concatenation?.Reference, Total = concatenation?.Total ?? 1, Sequence = concatenation?.Sequence ?? 1,
            DedupKey = DedupKey(mo.Operator, sms, concatenation, mo.Pdu.OptionalParameters), ReceivedAt = DateTimeOffset.UtcNow,
        };
        bool fresh;
        try
        {
            fresh = await parts.StoreAsync(part);
        }
        catch (Exception e)
        {
            _log.Error(e, "Could not store an inbound part from {0}; the operator will resend it", sms.From);
            mo.Settle(false);
            return;
        }
        mo.Settle(true); // stored: the operator may forget it
        metrics.Record("stored", read);
        if (!fresh)
        {
            _log.Info("Inbound part from {0} to {1} delivered again; already stored", sms.From, sms.To);
            return;
        }
        await ProcessAsync(part, giveUpWaiting: false);
        metrics.Record("total", read);
    }

    /// <summary>
    /// What makes a deliver_sm the same one delivered again: the operator's message id if it gives one; for a part
    /// of a long message its operator, contact, number and concatenation reference; for a short message the
    /// handset's message reference (user_message_reference) with a digest of the text. A short message with
    /// neither has nothing that tells it from a second, identical message, so it is not deduplicated.
    /// </summary>
    private static string? DedupKey(Operator op, InboundSms sms, Domain.Text.ConcatenationInfo? concatenation, Smpp.Protocol.OptionalParameters tlvs) =>
        tlvs.ReceiptedMessageId is { Length: > 0 } id ? $"{op}|id|{id}"
        : concatenation is { } c ? $"{op}|{sms.From}|{sms.To}|{c.Reference}|{c.Total}|{c.Sequence}"
        : tlvs.UserMessageReference is { } mr ? $"{op}|{sms.From}|{sms.To}|mr{mr}|{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sms.Text)), 0, 8)}"
        : null;

    /// <summary>
    /// Delivers the message the part belongs to, if it is whole (or, when <paramref name="giveUpWaiting"/>, with what
    /// arrived), and marks its parts processed.
    /// </summary>
    private async Task ProcessAsync(InboundPartRecord part, bool giveUpWaiting)
    {
        IReadOnlyList<InboundPartRecord> group = part.Total <= 1 || part.Reference is null
            ? [part]
            : await parts.GroupAsync(part.Source, part.Destination, part.Reference.Value, part.Total);
        if (group.Count == 0)
            return; // already processed
        var joined = LongMessageParts.Join(part.Total, group.Select(p => (p.Sequence, p.Text)));
        if (!joined.Complete && !giveUpWaiting)
            return; // the rest is still to come; the sweeper gives up on it after the part timeout
        if (!joined.Complete)
            _log.Warning("Long message from {0} to {1}: {2} of {3} parts arrived; delivering what came", part.Source, part.Destination, joined.Received, joined.Total);
        var first = group.OrderBy(p => p.Sequence).ThenBy(p => p.ReceivedAt).First();
        try
        {
            await RouteAsync(first.Bind, first.Source, first.Destination, joined.Text, first.Id, first.ReceivedAt);
        }
        catch (Exception e) when (DateTimeOffset.UtcNow - first.ReceivedAt < GiveUpAfter)
        {
            // Left in the part store: the sweeper does it again (what was done is not done twice).
            _log.Warning("Inbound message from {0} to {1} failed, to be tried again: {2}", first.Source, first.Destination, e.Message);
            return;
        }
        catch (Exception e)
        {
            // Failing for an hour: kept whole as unrouted, visibly, instead of being tried for ever.
            _log.Error(e, "Inbound message from {0} to {1} failed for an hour; kept as unrouted", first.Source, first.Destination);
            await KeepUnroutedAsync(first.Bind, first.Source, first.Destination, joined.Text, $"failed: {e.Message}");
        }
        // Not waited for: the lane goes on with the next message. If the mark is lost (a crash), the sweeper repeats
        // the message's work, which does nothing new.
        _ = parts.MarkProcessedAsync(group.Select(p => p.Id).ToList(), first.Id)
            .ContinueWith(t => _log.Warning("Marking inbound parts processed failed; the sweeper repeats them: {0}", t.Exception?.GetBaseException().Message),
                TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>
    /// Every few seconds: work that failed is tried again (after ten seconds), long messages waiting longer than the
    /// part timeout are delivered with what arrived, and processed parts older than the retention are deleted.
    /// </summary>
    private async Task SweepAsync()
    {
        try
        {
            var now = DateTimeOffset.UtcNow;
            var retryBefore = now - (RetryAfter < options.PartTimeout ? RetryAfter : options.PartTimeout);
            foreach (var part in (await parts.PendingAsync(retryBefore)).DistinctBy(p => (p.Source, p.Destination, p.Reference, p.Total)))
                await LaneOf(part.Source).Writer.WriteAsync(new Sweep(part, GiveUpWaiting: part.ReceivedAt < now - options.PartTimeout));
            await parts.DeleteProcessedAsync(now - options.PartRetention);
        }
        catch (Exception e)
        {
            _log.Warning("Sweeping the inbound part store failed: {0}", e.Message);
        }
    }

    /// <summary>Routes the message and records it in its thread, then carries out the number's rules for it.</summary>
    private async Task RouteAsync(string bind, string from, string to, string text, string messageId, DateTimeOffset receivedAt)
    {
        var words = InboundWords.Parse(text);
        if (words.First is null)
        {
            await KeepUnroutedAsync(bind, from, to, text, "the message has no text");
            return;
        }
        var asked = Stopwatch.GetTimestamp();
        var number = await numbers.GetAsync(to);
        asked = metrics.Record("routed", asked);
        if (!number.Configured)
        {
            await KeepUnroutedAsync(bind, from, to, text, $"{to} is not one of our numbers");
            return;
        }
        var request = _optOutWords.Read(words, number.Keywords.ContainsKey);
        if (request.IsRequest)
        {
            // A stop or start word is a request to us, not a message for the rules.
            // The stop or start word itself, upper case: the first word, or the second after a keyword ("DEMO STOPP").
            var word = request.Keyword is { } k && words.First == k && words.Second is { } second ? second : words.First;
            await OptAsync(number, request, word, from, to, words.Text, messageId, receivedAt);
            return;
        }

        var route = number.Route(to, words.First, words.Second);
        var accountId = route.AccountId!;
        var conversationId = ConversationIds.For(accountId, to, from);
        var reply = await conversations.ReceiveAsync(new ConversationCommands.Receive(conversationId, accountId, to, from, messageId, words.Text, route.Keyword, OptChange.None));
        metrics.Record("threaded", asked);

        if (options.RoundRobin && reply is ConversationReplies.Changed { State.AssignedTo: null } && roundRobin.Next(accountId) is { } agent)
            await conversations.CommandAsync(new ConversationCommands.AssignIfFree(conversationId, agent, "round-robin"));
        if (route.DefaultReply is { Length: > 0 } defaultReply)
            await AutoReplyAsync(conversationId, defaultReply, $"{messageId}:default");
        for (var i = 0; i < route.Rules.Count; i++)
            await RunRuleAsync(route.Rules[i], $"{messageId}:{i}", accountId, conversationId, route, from, to, words.Text, messageId, receivedAt);
    }

    /// <summary>Carries out one rule; <paramref name="workId"/> makes doing it again (after a crash) do nothing new.</summary>
    private async Task RunRuleAsync(InboundRule rule, string workId, string accountId, string conversationId, InboundRoute route, string from, string to, string text,
        string messageId, DateTimeOffset receivedAt)
    {
        try
        {
            switch (rule.Kind)
            {
                case InboundRuleKind.AutoReply:
                    await AutoReplyAsync(conversationId, rule.Target, workId);
                    break;
                case InboundRuleKind.ForwardToNumber:
                    await intake.SendAsync(new SendCommand(accountId, to, [rule.Target], $"Fra {from}: {text}", workId), ReplySegments);
                    break;
                case InboundRuleKind.Webhook:
                    await webhooks.EnqueueAsync("wh_" + workId, new WebhookDelivery(accountId, rule.Target, rule.Secret,
                        new InboundWebhookBody(workId, from, to, text, route.Keyword, route.SubKeyword, conversationId, DateTimeOffset.UtcNow)));
                    break;
                case InboundRuleKind.SignUp:
                    await SignUpAsync(rule, workId, accountId, conversationId, route, from, to, text, messageId, receivedAt);
                    break;
            }
        }
        catch (SendRefusedException e)
        {
            // The same checks as every outbound message; a refused rule must not stop the others.
            _log.Warning("Rule {0} on {1} refused: {2}", rule.Kind, to, e.Message);
        }
    }

    /// <summary>
    /// Opts the contact out of (or back in to) the accounts the request names: its keyword's account; on an owned
    /// number the owner; on a shared number, for a bare STOPP every account that has texted the contact from it (for
    /// a bare START every account they opted out of there), else the number's owner. Each account's thread journals
    /// it (then opt_outs is written) and the account's other threads with the contact follow. On a shared
    /// number the contact is told, in Norwegian, whose messages they will (not) get.
    /// </summary>
    private async Task OptAsync(ShortNumberState number, OptOutRequest request, string word, string from, string to, string text, string messageId, DateTimeOffset receivedAt)
    {
        var change = request.Intent == OptOutIntent.OptOut ? OptChange.OptOut : OptChange.OptIn;
        IReadOnlyList<string> accounts = request.Keyword is { } keyword ? [number.Route(to, keyword, null).AccountId!]
            : !number.Shared ? [number.OwnerAccountId!]
            : change == OptChange.OptOut ? await senders.AccountsThatSentAsync(to, from)
            : await store.OptedOutAccountsAsync(to, from);
        if (accounts.Count == 0)
            accounts = [number.OwnerAccountId!]; // nobody to name: kept in the owner's inbox, as any message to the number
        accounts = accounts.Distinct().ToList();
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            // One message id per thread: the first keeps the message's own, so doing it again after a crash changes nothing.
            var id = i == 0 ? messageId : $"{messageId}:{account}";
            var keywordOfAccount = request.Keyword ?? number.Keywords.Where(k => k.Value.AccountId == account).Select(k => k.Key).FirstOrDefault();
            await conversations.ReceiveAsync(new ConversationCommands.Receive(ConversationIds.For(account, to, from), account, to, from, id, text, keywordOfAccount, change, word));
            // The account's other threads with the contact follow, so each shows (and refuses replies) the same.
            var others = (await store.ThreadNumbersAsync(account, from)).Concat(change == OptChange.OptIn ? await store.OptedOutNumbersAsync(account, from) : []);
            foreach (var other in others.Where(n => n != to).Distinct())
                await conversations.CommandAsync(new ConversationCommands.FollowOpt(ConversationIds.For(account, other, from), change, word));
            // Withdrawn consent: out of the groups they joined by SMS (a START does not put them back; they sign up again).
            if (change == OptChange.OptOut && ContactNumber.TryNormalize(from, out var number164, out _))
                await signUps.LeaveAsync(account, number164, to, text, messageId, receivedAt);
        }
        if (!number.Shared)
            return;
        var names = Join(accounts.Select(a => number.Keywords.Where(k => k.Value.AccountId == a).Select(k => k.Key).Order().FirstOrDefault() ?? a).Distinct());
        var confirmation = change == OptChange.OptOut
            ? $"Du er nå meldt av og får ikke flere meldinger fra {names} på {to}. Send START til {to} for å melde deg på igjen."
            : $"Du er nå meldt på igjen og kan få meldinger fra {names} på {to}. Send STOPP til {to} for å melde deg av.";
        try
        {
            await intake.SendAsync(new SendCommand(number.OwnerAccountId!, to, [from], confirmation, $"{messageId}:confirm", OptOutNotice: true), ReplySegments);
        }
        catch (SendRefusedException e)
        {
            _log.Warning("The opt-out confirmation to {0} on {1} was refused: {2}", from, to, e.Message);
        }
    }

    /// <summary>"A", "A og B", "A, B og C".</summary>
    private static string Join(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " og " + list[^1];
    }

    /// <summary>
    /// A sign-up rule: the contact, their membership and their consent are stored together (a repeat finds them stored),
    /// then confirmed like an auto-reply, whose client reference makes a repeat send nothing new.
    /// </summary>
    private async Task SignUpAsync(InboundRule rule, string workId, string accountId, string conversationId, InboundRoute route, string from, string to, string text,
        string messageId, DateTimeOffset receivedAt)
    {
        if (!ContactNumber.TryNormalize(from, out var number, out var reason))
        {
            _log.Warning("Sign-up from {0} on {1} not stored: {2}", from, to, reason);
            return;
        }
        var joined = await signUps.JoinAsync(new SignUpJoin(workId, accountId, rule.Target, number, to, route.Keyword, route.SubKeyword, text, messageId, receivedAt));
        if (joined is null)
        {
            _log.Warning("Sign-up from {0} on {1}: the account {2} has no group {3} any more", from, to, accountId, rule.Target);
            return;
        }
        await AutoReplyAsync(conversationId, rule.Reply ?? SignUpConfirmation.Default(joined.GroupName, route.Keyword, to), workId);
    }

    private async Task AutoReplyAsync(string conversationId, string text, string workId)
    {
        try
        {
            if (await conversations.ReplyAsync(conversationId, "auto-reply", text, ReplySegments, clientRef: workId) is ReplyOutcome.Refused refused)
                _log.Warning("Auto-reply in {0} refused: {1}", conversationId, refused.Reason);
        }
        catch (SendRefusedException e)
        {
            // Refused as any send would be (an opted-out contact, a sender no longer the account's): the message's work goes on.
            _log.Warning("Auto-reply in {0} refused: {1}", conversationId, e.Message);
        }
    }

    private Task KeepUnroutedAsync(string bind, string from, string to, string text, string reason)
    {
        _log.Warning("Inbound message from {0} to {1} not routed: {2}", from, to, reason);
        return store.AddUnroutedAsync(new UnroutedInboundRecord
        {
            Id = "in_" + Guid.CreateVersion7().ToString("N"), Bind = bind, From = from, To = to, Text = text, Reason = reason, At = DateTimeOffset.UtcNow,
        });
    }

    public void Stop() => _sweeper?.Dispose();

    /// <summary>A stored part the sweeper found waiting: tried again, and delivered with what arrived if its message is incomplete and <paramref name="GiveUpWaiting"/>.</summary>
    private sealed record Sweep(InboundPartRecord Part, bool GiveUpWaiting);
}
