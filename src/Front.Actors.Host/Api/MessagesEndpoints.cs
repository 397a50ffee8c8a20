using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Text.Json;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>The gateway's message endpoints. Errors are problem details naming the field and the reason.</summary>
public static class MessagesEndpoints
{
    private const int MaxSegmentsPerMessage = Domain.Text.MessageText.MaxSegments;

    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/messages").RequireRoles(Role.Marketer);
        api.MapPost("", SendAsync);
        api.MapGet("{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> SendAsync(HttpContext http, MessageIntake intake)
    {
        SendMessageRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<SendMessageRequest>(http.RequestAborted);
        }
        catch (JsonException e)
        {
            var (field, reason) = JsonBodyErrors.Describe(e);
            return FieldProblem(field, reason);
        }
        catch (InvalidOperationException)
        {
            return FieldProblem("body", "send a JSON body with Content-Type: application/json");
        }
        if (request is null)
            return FieldProblem("body", "a JSON object is required");

        try
        {
            var result = await intake.SendAsync(
                new SendCommand(http.User.AccountId(), request.From ?? "", request.To ?? [], request.Text ?? "", request.ClientRef),
                MaxSegmentsPerMessage, http.RequestAborted);
            return Results.Json(new
            {
                messages = result.Messages.Select(m => new { id = m.Id, to = m.To, status = m.Status, segments = m.Segments, encoding = m.Encoding }),
                rejected = result.Rejected.Select(r => new { to = r.To, reason = r.Reason }),
            }, statusCode: StatusCodes.Status202Accepted);
        }
        catch (SendRefusedException e)
        {
            // A refusal that passes with time (too many held items) says when to try again.
            if (e.RetryAfter is { } retryAfter)
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            return ApiProblems.Fields(ApiProblems.StatusOf(e.Kind), e.Errors);
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, MessageStore store)
    {
        var found = await store.GetAsync(http.User.AccountId(), id, http.RequestAborted);
        if (found is not { } message)
            return ApiProblems.Field(404, "id", $"no message '{id}' in this account");
        var (record, history) = message;
        return Results.Json(new
        {
            id = record.Id,
            to = record.Recipient,
            from = record.Sender,
            status = record.Status,
            @operator = record.Operator?.ToLowerInvariant(),
            segments = record.Segments,
            encoding = record.Encoding,
            priceOre = record.PriceOre,
            history = history.Select(h => new { status = h.Status, at = h.At, detail = h.Detail }),
        });
    }

    private static IResult FieldProblem(string field, string reason) => ApiProblems.Field(400, field, reason);
}
