using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using System.Security.Claims;
using Front.Actors.Engine.Conversations;
using Front.Actors.Engine.Messages;
using Front.Actors.Engine.Storage;

namespace Front.Actors.Host.Api;

/// <summary>
/// The inbox over HTTP, for signed-in agents and the account's API keys alike. Every call is scoped to the
/// caller's account: a thread of another account answers 403, an unknown one 404.
/// </summary>
public static class ConversationsEndpoints
{
    /// <param name="LastSeenInbound">
    /// Optional: the <c>position</c> of the newest message from the contact the writer had seen when they started writing.
    /// When given and the contact has written since, the reply is refused (409 naming this field) so nobody answers a
    /// question that has already changed. Without it nothing is checked (callers from before it still work).
    /// </param>
    public sealed record ReplyRequest(string? Text, long? LastSeenInbound = null);

    public sealed record TransferRequest(string? To);

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations").RequireRolesOnAnyAccount(Role.Agent);
        api.MapGet("", ListAsync);
        api.MapGet("{id}", GetAsync);
        api.MapGet("{id}/messages", MessagesAsync);
        api.MapPost("{id}/messages", ReplyAsync);
        api.MapPost("{id}/claim", (string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct) =>
            RunAsync(id, user, new ConversationCommands.Claim(id, user.Actor()), service, store, ct));
        api.MapPost("{id}/release", (string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct) =>
            RunAsync(id, user, new ConversationCommands.Release(id, user.Actor()), service, store, ct));
        api.MapPost("{id}/transfer", TransferAsync);
        api.MapInboxHelpers();
        app.MapPost("/api/v1/moderation/conversations/{id}/take-back", TakeBackAsync).RequireRoles(Role.Moderator)
            .Audited("conversation.take-back");
        api.MapPost("{id}/read", (string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct) =>
            RunAsync(id, user, new ConversationCommands.MarkRead(id, user.Actor()), service, store, ct));
        api.MapPost("{id}/close", (string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct) =>
            RunAsync(id, user, new ConversationCommands.Close(id, user.Actor()), service, store, ct));
        api.MapPost("{id}/reopen", (string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct) =>
            RunAsync(id, user, new ConversationCommands.Reopen(id, user.Actor()), service, store, ct));
        return app;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, ConversationStore store, string? assignedTo, bool? includeClosed, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 500)
            return ApiProblems.Field(400, "limit", "must be between 1 and 500");
        var accounts = user.VisibleAccounts();
        var items = await store.ListAsync(accounts, assignedTo, includeClosed ?? false, limit ?? 100, ct);
        return Results.Ok(new { items = items.Select(View), position = await store.LastPositionAsync(accounts, ct) });
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, ConversationStore store, CancellationToken ct)
    {
        var found = await FindOwnAsync(id, user, store, ct);
        return found.Problem ?? Results.Ok(View(found.Summary!));
    }

    /// <summary>
    /// A thread's messages, oldest first, a page at a time by position: forward with <c>?after=</c> (the last item's
    /// position; from the start without it), or backward from the newest end with <c>?before=</c> (the first item's
    /// position; any number above the newest position, such as 9007199254740991, gives the newest page).
    /// </summary>
    private static async Task<IResult> MessagesAsync(string id, ClaimsPrincipal user, ConversationStore store, long? after, long? before, int? limit, CancellationToken ct)
    {
        var found = await FindOwnAsync(id, user, store, ct);
        if (found.Problem is { } problem)
            return problem;
        var errors = new ApiErrors();
        if (limit is < 1 or > 1000)
            errors.Add("limit", "must be between 1 and 1000");
        if (after is not null && before is not null)
            errors.Add("before", "page forward with 'after' or backward with 'before', not both");
        if (errors.Any)
            return errors.Problem();
        var messages = before is { } end
            ? await store.MessagesBeforeAsync(id, end, limit ?? 200, ct)
            : await store.MessagesAsync(id, after ?? 0, limit ?? 200, ct);
        return Results.Ok(new { items = messages.Select(m => new { id = m.MessageId, position = m.Position, direction = m.Direction, text = m.Text, author = m.Author, keyword = m.Keyword, at = m.At, status = m.Status }) });
    }

    private static async Task<IResult> ReplyAsync(string id, ReplyRequest? body, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct)
    {
        var found = await FindOwnAsync(id, user, store, ct);
        if (found.Problem is { } problem)
            return problem;
        if (string.IsNullOrWhiteSpace(body?.Text))
            return ApiProblems.Field(400, "text", "the reply is empty");
        if (body.LastSeenInbound is { } seen && await NewerInboundAsync(id, seen, store, ct) is { } newer)
            return ApiProblems.Field(409, "lastSeenInbound", $"the contact wrote again (message at position {newer}) after the message you saw: read it before replying");
        try
        {
            return await service.ReplyAsync(id, user.Actor(), body.Text, Domain.Text.MessageText.MaxSegments, ct) switch
            {
                ReplyOutcome.Sent sent => Results.Json(new { id = sent.MessageId, status = sent.Status, segments = sent.Segments }, statusCode: 202),
                ReplyOutcome.Refused { NotFound: true } refused => ApiProblems.Field(404, refused.Field, refused.Reason),
                ReplyOutcome.Refused refused => ApiProblems.Field(409, refused.Field, refused.Reason),
                _ => throw new InvalidOperationException(),
            };
        }
        catch (SendRefusedException e)
        {
            return ApiProblems.Fields(ApiProblems.StatusOf(e.Kind), e.Errors);
        }
    }

    /// <summary>
    /// The position of a message from the contact after <paramref name="seen"/>, or null. Read from the thread's read model,
    /// which the service writes right after the journal; a message arriving between this check and the send is not caught
    /// (a window of milliseconds, against the minutes an agent writes for).
    /// </summary>
    private static async Task<long?> NewerInboundAsync(string id, long seen, ConversationStore store, CancellationToken ct)
    {
        for (var after = seen; ;)
        {
            var page = await store.MessagesAsync(id, after, 500, ct);
            if (page.FirstOrDefault(m => m.Direction == "in") is { } inbound)
                return inbound.Position;
            if (page.Count < 500)
                return null;
            after = page[^1].Position;
        }
    }

    /// <summary>Hands the thread to another agent, who must exist and may work in the thread's account (else nobody could take it back).</summary>
    private static async Task<IResult> TransferAsync(string id, TransferRequest? body, ClaimsPrincipal user, ConversationService service, ConversationStore store,
        Agents.AgentDirectory agents, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.To))
            return ApiProblems.Field(400, "to", "name the agent to hand the conversation to");
        var found = await FindOwnAsync(id, user, store, ct);
        if (found.Problem is { } problem)
            return problem;
        var to = body.To.Trim();
        if (!await agents.MayWorkInAsync(to, found.Summary!.AccountId, ct))
            return ApiProblems.Field(400, "to", $"no agent '{to}' who may work in account '{found.Summary.AccountId}'");
        return await RunAsync(id, user, new ConversationCommands.Transfer(id, user.Actor(), to), service, store, ct);
    }

    /// <summary>A moderator unassigns any thread, whoever has it.</summary>
    private static async Task<IResult> TakeBackAsync(string id, ClaimsPrincipal user, ConversationService service, ConversationStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is null)
            return ApiProblems.Field(404, "id", $"no conversation '{id}'");
        return await service.CommandAsync(new ConversationCommands.TakeBack(id, user.Identity!.Name!), ct) switch
        {
            ConversationReplies.Changed changed => Results.Ok(View(ConversationSummary.Of(id, changed.State))),
            ConversationReplies.Refused refused => ApiProblems.Field(404, "id", refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<IResult> RunAsync(string id, ClaimsPrincipal user, ConversationCommands.IWithConversationId command, ConversationService service, ConversationStore store, CancellationToken ct)
    {
        var found = await FindOwnAsync(id, user, store, ct);
        if (found.Problem is { } problem)
            return problem;
        return await service.CommandAsync(command, ct) switch
        {
            ConversationReplies.Changed changed => Results.Ok(View(ConversationSummary.Of(id, changed.State))),
            ConversationReplies.Refused { Conflict: true } refused => ApiProblems.Field(409, "id", refused.Reason),
            ConversationReplies.Refused refused => ApiProblems.Field(404, "id", refused.Reason),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>The thread if it is the caller's account's; otherwise the problem to answer (404 unknown, 403 another account's).</summary>
    private static async Task<(ConversationSummary? Summary, IResult? Problem)> FindOwnAsync(string id, ClaimsPrincipal user, ConversationStore store, CancellationToken ct)
    {
        var (summary, denied) = await store.FindVisibleAsync(user, id, ct);
        return (summary, denied is null ? null : ApiProblems.Field(denied.Status, "id", denied.Reason));
    }

    private static object View(ConversationSummary c) => new
    {
        id = c.Id, accountId = c.AccountId, contact = c.Contact, ourNumber = c.OurNumber, unread = c.Unread, assignedTo = c.AssignedTo, lastMessage = c.LastMessage,
        lastMessageAt = c.LastMessageAt, closed = c.Closed, optedOut = c.OptedOut,
    };
}
