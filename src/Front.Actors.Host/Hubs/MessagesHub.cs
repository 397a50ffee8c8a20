using Front.Actors.Domain.Identity;
using Front.Actors.Host.Identity;
using Front.Actors.Engine.Messages;
using Front.Actors.Host.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Front.Actors.Host.Hubs;

/// <summary>What the hub pushes to a customer's clients.</summary>
public interface IMessagesClient
{
    Task StatusChanged(MessageStatusUpdate update);

    /// <summary>For a connection opened with <c>?batched=true</c>: the changes stored together, in the order stored, in one frame.</summary>
    Task StatusesChanged(IReadOnlyList<MessageStatusUpdate> updates);
}

/// <summary>One status change as clients receive it: the names and values of GET /api/v1/messages/{id} and its history.</summary>
public sealed record MessageStatusUpdate(string Id, string Status, DateTimeOffset At, string? Detail, string? Operator)
{
    public static MessageStatusUpdate From(StatusChange change) =>
        new(change.MessageId, change.Status.ToWire(), change.At, change.Detail, change.Operator?.ToString().ToLowerInvariant());
}

/// <summary>Live message statuses for the caller's account; the hub only puts the connection in its account's group.</summary>
[Authorize(AuthenticationSchemes = ApiKeyAuthentication.SchemeName, Policy = Policy)]
public sealed class MessagesHub : Hub<IMessagesClient>
{
    /// <summary>An account's message statuses are the senders' (marketers) and admins' to follow.</summary>
    public const string Policy = "messages";

    public static string GroupOf(string accountId) => $"account:{accountId}";

    /// <summary>
    /// The account's connections that asked for batches: a client following thousands of statuses a second gets one
    /// frame per stored batch instead of one per change (per change, the push cost the host more than storing it).
    /// </summary>
    public static string BatchedGroupOf(string accountId) => $"account-batched:{accountId}";

    public override async Task OnConnectedAsync()
    {
        // Moderators follow /hubs/moderation; this hub is an account's own.
        if (Context.User!.IsInRole(ApiKeyAuthentication.ModeratorRole))
        {
            Context.Abort();
            return;
        }
        var batched = string.Equals(Context.GetHttpContext()?.Request.Query["batched"], "true", StringComparison.OrdinalIgnoreCase);
        var account = Context.User!.AccountId();
        await Groups.AddToGroupAsync(Context.ConnectionId, batched ? BatchedGroupOf(account) : GroupOf(account));
        await base.OnConnectedAsync();
    }
}
