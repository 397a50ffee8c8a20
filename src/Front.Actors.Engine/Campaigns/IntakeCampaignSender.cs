using Front.Actors.Domain.Text;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Campaigns;

/// <summary>
/// Sends a campaign's recipient through the engine's normal intake, so it becomes a normal message (stored before it is
/// answered, at the account's rate, with every status). The client reference is made from the campaign and the
/// recipient's place in the audience, so a recipient handed over again after a crash returns the first message: the
/// intake's idempotency is what makes the fan-out exactly once.
/// </summary>
public sealed class IntakeCampaignSender(MessageIntake intake) : ICampaignSender
{
    private const int MaxAttempts = 5;

    public static string ClientRefOf(string campaignId, long seq) => $"campaign:{campaignId}:{seq}";

    public async Task<RecipientOutcome> SendAsync(string campaignId, CampaignDefinition definition, CampaignRecipientRecord recipient, CancellationToken ct = default)
    {
        // The campaign passed the misuse rules as a whole (or a moderator approved it): its messages are not held one by one.
        var command = new SendCommand(definition.AccountId, definition.From, [recipient.Number], recipient.Text ?? definition.SendText,
            ClientRefOf(campaignId, recipient.Seq), ContentApproved: true);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await intake.SendAsync(command, MessageText.MaxSegments, ct);
                return result.Messages is [var message, ..]
                    ? new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Sent, message.Id, null)
                    : new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Failed, null, result.Rejected.FirstOrDefault()?.Reason ?? "not accepted");
            }
            catch (SendRefusedException refused) when (refused.Kind != RefusalKind.TooMany)
            {
                // One bad recipient (opted out since the snapshot, a refused number) fails alone; the campaign goes on.
                return new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Failed, null, refused.Message);
            }
            catch (EngineBusyException busy)
            {
                // The engine is behind or its database is out: wait as it says, never fail a recipient for it.
                await Task.Delay(busy.RetryAfter, ct);
            }
            catch (SendRefusedException held)
            {
                await Task.Delay(held.RetryAfter ?? TimeSpan.FromSeconds(5), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxAttempts)
            {
                // An ask timed out or a write failed: the same client reference makes the next attempt safe.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new RecipientOutcome(campaignId, recipient.Seq, RecipientStates.Failed, null, $"not accepted after {MaxAttempts} attempts: {e.Message}");
            }
        }
    }
}
