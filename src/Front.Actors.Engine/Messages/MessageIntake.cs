using Akka.Actor;
using Akka.Hosting;
using Front.Actors.Domain.Misuse;
using Front.Actors.Domain.Numbers;
using Front.Actors.Domain.Routing;
using Front.Actors.Domain.Text;
using Front.Actors.Engine.Accounts;
using Front.Actors.Engine.Pipeline;
using Front.Actors.Engine.Senders;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Messages;

/// <summary>
/// Takes a send from the gateway: validates sender, text and recipients (before anything is charged),
/// has the account admit it, stores the accepted messages, and only then hands them to the pipeline.
/// A repeated client reference returns what the first call stored.
/// </summary>
public sealed class MessageIntake(
    IRequiredActor<AccountRegion> accounts, MessageStore store, AcceptedMessageWriter writer, HeldItemStore heldItems, OutboundPipeline pipeline, StatusWriter statuses,
    OperatorDirectory operators, Moderation.IModerationNotifier moderationNotifier, ConversationStore conversations,
    Moderation.AbuseOptions abuse, Senders.SenderCheck senderCheck, SenderStore senders)
{
    public const int MaxRecipients = 1_000;
    public const int MaxTextLength = MessageText.MaxSegments * 160; // no longer text fits, whatever its encoding
    private static readonly TimeSpan AdmitTimeout = TimeSpan.FromSeconds(10);

    /// <param name="onStored">Called with the stored messages before they are handed on, so a caller can follow their statuses.</param>
    public async Task<SendResult> SendAsync(SendCommand command, int maxSegments, CancellationToken ct = default, Action<IReadOnlyList<string>>? onStored = null)
    {
        // Every bad field is reported at once, so a client fixes its request in one round trip.
        var errors = new SendErrors();
        if (!Sender.TryParse(command.From, out var sender, out var senderReason))
            errors.Add("from", senderReason);
        MessageText? text = null;
        if (string.IsNullOrWhiteSpace(command.Text))
            errors.Add("text", "the text is empty");
        // Longer than any text that fits the most segments: refused before it is analysed.
        else if (command.Text.Length > MaxTextLength)
            errors.Add("text", $"the text has {command.Text.Length} characters; at most {MaxTextLength} fit in {MessageText.MaxSegments} segments");
        else if ((text = MessageText.Analyze(command.Text)).Segments > maxSegments)
            errors.Add("text", $"the text needs {text.Segments} segments ({text.EncodingName}); this account allows at most {maxSegments}");
        if (command.To.Count == 0)
            errors.Add("to", "at least one recipient is required");
        else if (command.To.Count > MaxRecipients)
            errors.Add("to", $"at most {MaxRecipients} recipients per request, got {command.To.Count}");
        if (command.ClientRef is { Length: > 100 })
            errors.Add("clientRef", "at most 100 characters");
        errors.ThrowIfAny();
        text ??= MessageText.Analyze(command.Text); // analysed above whenever no error was found
        if (sender is null)
            throw new InvalidOperationException("no sender after a parse without errors");

        var rejected = new List<RejectedRecipient>();
        var recipients = new List<MobileNumber>();
        foreach (var to in command.To)
        {
            if (!MobileNumberParser.TryParse(to, out var number, out var reason))
                rejected.Add(new RejectedRecipient(to, reason));
            else if (recipients.Any(r => r.E164 == number.E164))
                rejected.Add(new RejectedRecipient(to, $"duplicate of {number.E164} in this request"));
            else
                recipients.Add(number);
        }

        // The sender must be the account's own (refused whole, before anything is stored or charged); the provider's own
        // notices go from its configured sender.
        var clearance = command.ProviderNotice ? new SenderClearance(false, true) : await senderCheck.CheckAsync(command.AccountId, sender, ct);

        // A contact who said STOPP to the account (on any of its numbers or keywords) gets nothing more from it, whatever
        // the sender, until START; only the confirmation of their own request reaches them.
        var optedOutCount = 0;
        if (!command.OptOutNotice && !command.ProviderNotice && recipients.Count > 0)
        {
            var optedOut = await conversations.OptedOutAsync(command.AccountId, recipients.Select(r => r.E164).ToList(), ct);
            foreach (var number in recipients.Where(r => optedOut.Contains(r.E164)).ToList())
            {
                rejected.Add(new RejectedRecipient(number.E164, $"opted out of messages from account {command.AccountId}"));
                recipients.Remove(number);
                optedOutCount++;
            }
        }

        if (command.ClientRef is { } clientRef && await store.FindByClientRefAsync(command.AccountId, clientRef, ct) is { Count: > 0 } earlier)
            return new SendResult(earlier.Select(ToAccepted).ToList(), rejected);
        if (recipients.Count == 0)
            throw new SendRefusedException("to", "no valid recipient: " + string.Join("; ", rejected.Select(r => $"{r.To}: {r.Reason}")),
                optedOutCount > 0 && optedOutCount == rejected.Count ? RefusalKind.Conflict : RefusalKind.Invalid);

        // A database outage slows the engine down: while statuses cannot be stored, new sends are refused whole.
        if (statuses.IsFailing)
            throw new EngineBusyException("statuses cannot be stored at the moment", TimeSpan.FromSeconds(5));
        if (statuses.IsFull || pipeline.InFlight + recipients.Count > OutboundPipeline.MaxInFlight)
            throw new EngineBusyException($"the engine is behind ({pipeline.InFlight} messages on their way, {statuses.Backlog} statuses to store)", TimeSpan.FromSeconds(1));
        var now = StatusTime.Now(); // the first step's time, pushed as stored
        // Ids in request order, so that a repeated call lists the messages as the first did.
        var ids = recipients.Select(_ => MessageId.New()).Order(StringComparer.Ordinal).ToList();
        var itemId = ItemIdOf(command);
        // A protected name's named accounts need no registration; any other name is the account entity's to judge.
        var alphanumeric = sender.Kind == SenderKind.Alphanumeric && !clearance.ProtectedName ? sender.Value : null;
        // A provider notice passes no account entity: nothing counted, nothing held (see SendCommand.OfProvider).
        var decision = command.ProviderNotice
            ? new AccountReplies.Admitted(command.AccountId, 0, 0, AccountLimits.Default.MessagesPerSecond)
            : await accounts.ActorRef.Ask<object>(
                new AccountCommands.Admit(command.AccountId, itemId, ids, text.Segments, command.Text, abuse.MaxHeldItems, alphanumeric, command.ContentApproved), AdmitTimeout, ct);
        if (decision is AccountReplies.Refused refused)
            throw new SendRefusedException("account", refused.Reason, refused.Kind, abuse.HeldRetryAfter);
        var held = decision as AccountReplies.Held;
        if (decision is AccountReplies.Admitted admitted)
            pipeline.SetAccountRate(command.AccountId, admitted.MessagesPerSecond);
        else if (held is { Admitted: > 0 })
            pipeline.SetAccountRate(command.AccountId, held.MessagesPerSecond);
        if (decision is not (AccountReplies.Admitted or AccountReplies.Held))
            throw new InvalidOperationException($"unexpected answer from the account: {decision}");
        // The first messages go now (all of them, or those that fit the month); the rest are the held item, under the
        // ids the account holds them by (a repeated send gets the first one's item, whose ids must be the ones stored).
        var goNow = held?.Admitted ?? ids.Count;
        if (held?.HeldMessageIds is { } heldIds)
        {
            if (heldIds.Count != ids.Count - goNow)
                throw new SendRefusedException("clientRef", "already used for a different send", RefusalKind.Conflict);
            ids = [.. ids.Take(goNow), .. heldIds];
        }

        var records = recipients.Select((r, i) => new MessageRecord
        {
            Id = ids[i],
            AccountId = command.AccountId,
            ClientRef = command.ClientRef,
            Sender = sender.Value,
            Recipient = r.E164,
            Text = command.ProviderNotice ? SendCommand.WithheldText : command.Text,
            Encoding = text.EncodingName,
            Segments = text.Segments,
            Status = (i < goNow ? MessageStatus.Accepted : MessageStatus.Held).ToWire(),
            HomeOperator = operators.HomeOperator(r)?.ToString(),
            HoldDetail = i < goNow ? null : $"{held!.Rule.ToWire()}: {held.Details} (item {held.ItemId})",
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        // Recorded before the messages exist, so no contact is texted from a shared number without a bare STOPP reaching this account.
        if (clearance.SharedNumber)
            await senders.RecordSentAsync(command.AccountId, sender.Value, recipients.Select(r => r.E164).ToList(), ct);
        try
        {
            await writer.StoreAsync(records);
        }
        catch (Exception) when (command.ClientRef is not null)
        {
            // A concurrent call with the same client reference stored first: its messages are the answer.
            var winner = await store.FindByClientRefAsync(command.AccountId, command.ClientRef, ct);
            if (winner.Count == 0)
                throw;
            return new SendResult(winner.Select(ToAccepted).ToList(), rejected);
        }

        onStored?.Invoke(ids);
        var going = records.Take(goNow).ToList();
        var waiting = records.Skip(goNow).ToList();
        // The first steps were stored with the messages: only pushed, through the writer, before anything can follow them
        // (the pipeline has not seen the messages yet, and no moderator can decide an item not yet listed).
        await statuses.PushStoredAsync(records.Select(FirstStep).ToList(), ct);
        // Held messages wait for a moderator, listed in the moderators' queue; the rest go to the operators now.
        if (held is not null)
        {
            var item = new HeldItemRecord
            {
                ItemId = held.ItemId, AccountId = command.AccountId, Rule = held.Rule.ToWire(), Details = held.Details,
                MessageCount = waiting.Count, MessageIds = string.Join(',', waiting.Select(r => r.Id)),
                Preview = command.Text.Length > 160 ? command.Text[..160] : command.Text, HeldAt = now,
            };
            await heldItems.AddAsync(item, ct);
            await moderationNotifier.ItemHeldAsync(item);
        }
        if (going.Count > 0)
            // Built from what this call already parsed, not re-read from the records.
            await pipeline.EnqueueAsync(recipients.Take(goNow).Select((r, i) => new OutboundMessage(ids[i], command.AccountId, sender, r, text, operators.HomeOperator(r))).ToList(), ct);
        return new SendResult(records.Select(ToAccepted).ToList(), rejected);
    }

    /// <summary>Turns a stored message back into one the pipeline can carry (after a restart).</summary>
    public OutboundMessage? Rebuild(MessageRecord record)
    {
        if (record.Text == SendCommand.WithheldText)
            return null; // a provider notice's text was never stored: it cannot be sent again
        if (!Sender.TryParse(record.Sender, out var sender, out _) || !MobileNumberParser.TryParse(record.Recipient, out var recipient, out _))
            return null;
        return new OutboundMessage(record.Id, record.AccountId, sender, recipient, MessageText.Analyze(record.Text), operators.HomeOperator(recipient));
    }

    /// <summary>A stored message's first step, as its history row has it (accepted, or held with the rule).</summary>
    private static StatusChange FirstStep(MessageRecord m) =>
        new(m.Id, m.AccountId, MessageStatusNames.FromWire(m.Status), m.CreatedAt, m.HoldDetail);

    /// <summary>
    /// A send's item id: with a client reference, the same for every repeat of it (a retry after a 503, two racing
    /// copies), so the account recognises it and neither counts nor holds it twice; without one, new each time.
    /// </summary>
    private static string ItemIdOf(SendCommand command) => command.ClientRef is { } clientRef
        ? "item_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{command.AccountId}\n{clientRef}")))[..32]
        : "item_" + Guid.CreateVersion7().ToString("N");

    private static AcceptedMessage ToAccepted(MessageRecord m) => new(m.Id, m.Recipient, m.Status, m.Segments, m.Encoding);
}
