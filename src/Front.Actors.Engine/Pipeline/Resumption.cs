using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Engine.Pipeline;

/// <summary>
/// After a restart, puts messages that were stored but not yet submitted back into the pipeline, each
/// account's rate set first (so they are not paced at the default), and each message without the parts an
/// operator already accepted before the restart. A message that cannot be rebuilt (a provider notice, whose text is
/// not stored) ends "expired" with the reason, instead of waiting for ever.
/// </summary>
public sealed class Resumption(MessageStore store, OutboundPipeline pipeline, StatusWriter writer)
{
    public async Task<int> ResumeUnsubmittedAsync(
        Func<MessageRecord, OutboundMessage?> rebuild, Func<string, CancellationToken, Task<int>> accountRate, CancellationToken ct = default)
    {
        var records = await store.LoadUnsubmittedAsync(ct);
        foreach (var accountId in records.Select(r => r.AccountId).Distinct())
            pipeline.SetAccountRate(accountId, await accountRate(accountId, ct));
        var sent = await store.AcceptedPartsAsync(records.Select(r => r.Id).ToList(), ct);
        var count = 0;
        foreach (var record in records)
        {
            if (rebuild(record) is not { } message)
            {
                await writer.PostAsync(new StatusChange(record.Id, record.AccountId, MessageStatus.Expired, DateTimeOffset.UtcNow,
                    record.Text == SendCommand.WithheldText
                        ? "not sent before a restart, and its text is not stored (a sign-in code): a new one must be asked for"
                        : "stored before a restart in a form that can no longer be sent"), ct);
                continue;
            }
            await pipeline.EnqueueAsync(sent[record.Id].Any() ? message with { SentParts = sent[record.Id].ToHashSet() } : message, ct);
            count++;
        }
        return count;
    }
}
