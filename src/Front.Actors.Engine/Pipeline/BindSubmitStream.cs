using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Front.Actors.Engine.Messages;
using Front.Actors.Smpp.Esme;
using Front.Actors.Smpp.Protocol;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// The submit stream of one bind: its queue of parts → throttle per part (never above the operator's maximum
/// in any second) → the ESME session's window → each part's answer stored: accepted (with the operator's id),
/// refused (the message is rejected), or handed back (routed again, without the parts already accepted).
/// Storing an answer waits while the status writer is full, which slows this bind down instead of dropping.
/// </summary>
public static class BindSubmitStream
{
    /// <param name="withhold">True for a part that must not leave now (its account was suspended): it goes back to the router unsent.</param>
    /// <param name="exits">
    /// The rates a message's first part must still pass, in order (its account's, its sender's), each told the part's answer.
    /// The last pacing, so a backlog that built up after the lanes (a slow SMSC, a stalled store) leaves at those rates,
    /// not at once.
    /// </param>
    public static Task Run(OperatorBind bind, StatusWriter writer, Action<OutboundMessage> routeAgain, Func<PartSubmit, bool> withhold,
        IReadOnlyList<LaneExit> exits, IMaterializer materializer)
    {
        var pending = new System.Collections.Concurrent.ConcurrentDictionary<SubmitRequest, PartSubmit>(ReferenceEqualityComparer.Instance);
        // The bind's maximum on the operator's clock: the throttle spaces parts out, this keeps a bunched reading within it.
        var operatorSecond = new OperatorSecondGate(bind.Options.MaxMessagesPerSecond);
        return ChannelSource.FromReader(bind.Queue.Reader)
            // The last look before a part leaves: a suspension made while it waited here keeps it.
            .Where(part =>
            {
                if (!withhold(part))
                    return true;
                if (part.Attempt.Answer(part.Part, PartAnswer.Withheld, bind.Name).RouteAgain is { } again)
                    routeAgain(again);
                return false;
            })
            .SelectAsync(1, part => part.Part > 1 ? Task.FromResult(part) : LeaveAsync(part, exits))
            // Operators count parts, so the rate is per part.
            .ThrottleToLimit(bind.Options.MaxMessagesPerSecond) // never more than the bind's maximum in any one second
            .SelectAsync(1, operatorSecond.LeaveAsync)
            .Select(part =>
            {
                pending[part.Request] = part;
                return part.Request;
            })
            .Via(bind.Client.SubmitFlow())
            .SelectAsync(1, async result =>
            {
                if (pending.TryRemove(result.Request, out var part))
                {
                    operatorSecond.Answered();
                    if (part.Part == 1)
                        foreach (var exit in exits)
                            exit.Answered(part);
                    await OnAnswerAsync(bind, part, result, writer, routeAgain);
                }
                return Done.Instance;
            })
            .RunWith(Sink.Ignore<Done>(), materializer);
    }

    /// <summary>Passes the part through each exit in turn, waiting where one says so; completes at once when none does.</summary>
    private static Task<PartSubmit> LeaveAsync(PartSubmit part, IReadOnlyList<LaneExit> exits)
    {
        for (var i = 0; i < exits.Count; i++)
            if (exits[i].Wait(part) is var wait && wait > TimeSpan.Zero)
                return WaitToLeaveAsync(part, exits, i, wait);
        return Task.FromResult(part);
    }

    private static async Task<PartSubmit> WaitToLeaveAsync(PartSubmit part, IReadOnlyList<LaneExit> exits, int from, TimeSpan wait)
    {
        for (var i = from; i < exits.Count; i++)
        {
            if (i > from)
                wait = exits[i].Wait(part);
            while (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
                wait = exits[i].Wait(part); // zero: passed, its token taken
            }
        }
        return part;
    }

    private static async Task OnAnswerAsync(OperatorBind bind, PartSubmit part, SubmitResult result, StatusWriter writer, Action<OutboundMessage> routeAgain)
    {
        var message = part.Message;
        var now = DateTimeOffset.UtcNow;
        var answer = result switch
        {
            SubmitAccepted => PartAnswer.Accepted,
            SubmitNotSent { Reason: not NotSentReason.InvalidPdu } => PartAnswer.HandedBack,
            _ => PartAnswer.Refused,
        };
        var (rejectMessage, again) = part.Attempt.Answer(part.Part, answer, bind.Name);
        switch (result)
        {
            case SubmitAccepted accepted:
                await writer.PostAsync(new StatusEntry.PartAccepted(message.Id, message.AccountId, part.Route.Via,
                    new PartMapping(bind.Name, bind.Normalizer.KeyForSubmitResponse(accepted.MessageId), accepted.MessageId, part.Part), now));
                break;
            case SubmitRejected rejected when rejectMessage:
                await writer.PostAsync(new StatusChange(message.Id, message.AccountId, MessageStatus.Rejected, now,
                    $"operator refused part {part.Part}: {rejected.Status.ToSmppName()}"));
                break;
            case SubmitNotSent { Reason: NotSentReason.InvalidPdu } notSent when rejectMessage:
                await writer.PostAsync(new StatusChange(message.Id, message.AccountId, MessageStatus.Rejected, now, $"not sendable: {notSent.Detail}"));
                break;
        }
        // Every part of this attempt has answered and the bind gave some back: route again, avoiding this bind.
        if (again is not null)
            routeAgain(again);
    }
}
