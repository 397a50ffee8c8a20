using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Front.Actors.Domain.Inbound;
using Front.Actors.Engine.Storage;
using LinqToDB;
using LinqToDB.Async;

namespace Front.Actors.Engine.Inbound;

/// <summary>Webhook settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// POSTs inbound messages to customers' webhooks as JSON, signed (<see cref="WebhookSignature"/>) when the
/// rule has a secret; a failed call (network error or non-2xx answer) is retried with doubling delays. Every
/// delivery is recorded with its attempts and last error, so failures are visible.
/// </summary>
public sealed class WebhookSender(ActorSystem system, Database database, HttpClient http, WebhookOptions options) : IWebhookSender
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
        _ = Task.Run(() => AttemptAsync(record, delivery, body, firstAttempt: 1));
    }

    /// <summary>
    /// After a restart: deliveries left pending carry on from their next attempt. The secret is looked up
    /// again from the rule (by number, keyword and URL); a rule that is gone fails the delivery, visibly.
    /// </summary>
    public async Task<int> ResumePendingAsync(Func<InboundWebhookBody, string, Task<(bool Found, string? Secret)>> secretOf, CancellationToken ct = default)
    {
        List<WebhookDeliveryRecord> pending;
        await using (var db = database.Open())
            pending = await db.GetTable<WebhookDeliveryRecord>().Where(w => w.Status == "pending").ToListAsync(ct);
        foreach (var record in pending)
        {
            var body = JsonSerializer.Deserialize<InboundWebhookBody>(record.Body, Json)!;
            var (found, secret) = await secretOf(body, record.Url);
            if (!found)
            {
                record.Status = "failed";
                record.LastError = "the webhook rule was removed before it could be delivered";
                record.UpdatedAt = DateTimeOffset.UtcNow;
                await using var db = database.Open();
                await db.UpdateAsync(record, token: ct);
                continue;
            }
            var delivery = new WebhookDelivery(record.AccountId, record.Url, secret, body);
            _ = Task.Run(() => AttemptAsync(record, delivery, System.Text.Encoding.UTF8.GetBytes(record.Body), record.Attempts + 1), ct);
        }
        return pending.Count;
    }

    private async Task AttemptAsync(WebhookDeliveryRecord record, WebhookDelivery delivery, byte[] body, int firstAttempt)
    {
        for (var attempt = firstAttempt; attempt <= Math.Max(firstAttempt, options.MaxAttempts); attempt++)
        {
            var error = await TryPostAsync(delivery, body);
            record.Attempts = attempt;
            record.LastError = error;
            record.Status = error is null ? "delivered" : attempt >= options.MaxAttempts ? "failed" : "pending";
            record.UpdatedAt = DateTimeOffset.UtcNow;
            await using (var db = database.Open())
                await db.UpdateAsync(record);
            if (error is null)
                return;
            _log.Warning("Webhook {0} attempt {1} failed: {2}", delivery.Url, attempt, error);
            if (attempt >= options.MaxAttempts)
                return;
            await Task.Delay(RetrySchedule.DelayBefore(attempt, options.FirstRetry, options.MaxRetry));
        }
    }

    private async Task<string?> TryPostAsync(WebhookDelivery delivery, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (delivery.Secret is { Length: > 0 } secret)
                request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            using var timeout = new CancellationTokenSource(options.Timeout);
            using var response = await http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListAsync(string accountId, int limit, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await db.GetTable<WebhookDeliveryRecord>().Where(w => w.AccountId == accountId).OrderByDescending(w => w.CreatedAt).Take(limit).ToListAsync(ct);
    }
}
