using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Front.Actors.Domain.Inbound;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Inbound;

/// <summary>
/// POSTs inbound messages to customers' webhooks as JSON, signed (<see cref="WebhookSignature"/>) when the
/// rule has a secret; a failed call (network error, refused address, timeout or non-2xx answer, redirects
/// included) is retried with doubling delays while the rule that made it still exists. Every delivery is
/// recorded with its attempts and the class of its last failure, so failures are visible without telling the
/// caller what our network looks like.
/// </summary>
public sealed class WebhookSender(
    ActorSystem system, Database database, HttpClient http, WebhookOptions options, SecretProtector secrets, IWebhookRules rules) : IWebhookSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(WebhookSender));

    public async Task EnqueueAsync(string id, WebhookDelivery delivery)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(delivery.Body, Json);
        var record = new WebhookDeliveryRecord
        {
            Id = id, AccountId = delivery.AccountId, Url = delivery.Url, Status = "pending",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Body = System.Text.Encoding.UTF8.GetString(body),
        };
        await using (var db = database.Open())
        {
            // Recorded before: the first call's delivery (or its resumption after a restart) carries it.
            if (await db.GetTable<WebhookDeliveryRecord>().AnyAsync(w => w.Id == id))
                return;
            await db.InsertAsync(record);
        }
        _ = Task.Run(() => AttemptAsync(record, delivery, body, firstAttempt: 1, fresh: true));
    }

    /// <summary>After a restart: deliveries left pending carry on from their next attempt (if their rule still exists).</summary>
    public async Task<int> ResumePendingAsync(CancellationToken ct = default)
    {
        List<WebhookDeliveryRecord> pending;
        await using (var db = database.Open())
            pending = await db.GetTable<WebhookDeliveryRecord>().Where(w => w.Status == "pending").ToListAsync(ct);
        foreach (var record in pending)
        {
            var body = JsonSerializer.Deserialize<InboundWebhookBody>(record.Body, Json)!;
            var delivery = new WebhookDelivery(record.AccountId, record.Url, null, body);
            _ = Task.Run(() => AttemptAsync(record, delivery, System.Text.Encoding.UTF8.GetBytes(record.Body), record.Attempts + 1, fresh: false), ct);
        }
        return pending.Count;
    }

    private async Task AttemptAsync(WebhookDeliveryRecord record, WebhookDelivery delivery, byte[] body, int firstAttempt, bool fresh)
    {
        var secret = delivery.Secret;
        for (var attempt = firstAttempt; attempt <= Math.Max(firstAttempt, options.MaxAttempts); attempt++)
        {
            // A retry (or a resumed delivery) goes out only while its rule exists (removed, or the number moved to
            // another account: stopped), and is signed with the rule's secret as it is now.
            if (attempt > firstAttempt || !fresh)
            {
                var (found, current) = await rules.FindAsync(delivery.AccountId, delivery.Body, delivery.Url);
                if (!found)
                {
                    await SaveAsync(record, attempt - 1, "failed", WebhookOutcome.RuleRemoved);
                    _log.Info("Webhook delivery {0} stopped: its rule was removed", record.Id);
                    return;
                }
                secret = current;
            }
            var error = await TryPostAsync(delivery.Url, secret, body);
            await SaveAsync(record, attempt, error is null ? "delivered" : attempt >= options.MaxAttempts ? "failed" : "pending", error);
            if (error is null)
                return;
            _log.Warning("Webhook delivery {0} attempt {1} failed: {2}", record.Id, attempt, error);
            if (attempt >= options.MaxAttempts)
                return;
            await Task.Delay(RetrySchedule.DelayBefore(attempt, options.FirstRetry, options.MaxRetry));
        }
    }

    private async Task SaveAsync(WebhookDeliveryRecord record, int attempts, string status, string? error)
    {
        record.Attempts = attempts;
        record.Status = status;
        record.LastError = error;
        record.UpdatedAt = DateTimeOffset.UtcNow;
        await using var db = database.Open();
        await db.UpdateAsync(record);
    }

    /// <summary>One call; null when it was answered 2xx, otherwise the <see cref="WebhookOutcome"/> class.</summary>
    private async Task<string?> TryPostAsync(string url, string? protectedSecret, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (secrets.Unprotect(protectedSecret) is { Length: > 0 } secret)
                request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            using var timeout = new CancellationTokenSource(options.Timeout);
            // Only the status matters: the answer's body is never read, whatever its size.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return WebhookOutcome.OfStatus(response.StatusCode);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            _log.Error("Webhook secret for {0} cannot be decrypted: was Webhooks:SecretKey changed?", url);
            return WebhookOutcome.SecretUnreadable;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            _log.Debug("Webhook call to {0} failed: {1}", url, e.Message);
            return WebhookOutcome.OfException(e);
        }
    }

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListAsync(string accountId, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var records = await db.GetTable<WebhookDeliveryRecord>().Where(w => w.AccountId == accountId).OrderByDescending(w => w.CreatedAt).Take(limit).ToListAsync(ct);
        foreach (var record in records)
            record.LastError = WebhookOutcome.Shown(record.LastError);
        return records;
    }
}
